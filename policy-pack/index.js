// The ready Linq policy pack: `pulumi preview --policy-pack node_modules/pulumi-linq/policy-pack`, with
// @pulumi/policy installed beside pulumi-linq. The rules and their config are in pulumi-linq's README.
const path = require("node:path");
const { PolicyPack } = require("@pulumi/policy");
const { linqPolicies } = require("../dist/policy");

// PolicyPack takes its version from the working directory's package.json: the one of pulumi-linq.
process.chdir(path.join(__dirname, ".."));
new PolicyPack("pulumi-linq", { policies: linqPolicies() });
