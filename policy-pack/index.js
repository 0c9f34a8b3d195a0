// The ready Linq policy pack: `pulumi preview --policy-pack node_modules/pulumi-linq/policy-pack`, with
// @pulumi/policy installed beside pulumi-linq. The rules and their config are in pulumi-linq's README.
const path = require("node:path");
const { PolicyPack } = requirePolicy();
const { linqPolicies } = require("../dist/policy");

// PolicyPack takes its version from the working directory's package.json: the one of pulumi-linq.
process.chdir(path.join(__dirname, ".."));
new PolicyPack("pulumi-linq", { policies: linqPolicies() });

/** @pulumi/policy, which the project installs beside pulumi-linq; without it, one line that says so. */
function requirePolicy() {
  try {
    return require("@pulumi/policy");
  } catch (err) {
    if (err.code !== "MODULE_NOT_FOUND") throw err;
    console.error(
      "pulumi-linq's policy pack needs @pulumi/policy beside pulumi-linq: run 'npm install @pulumi/policy' in the project.",
    );
    process.exit(1);
  }
}
