// gen-sdk writes the Go or Node.js SDK of the plugin from schema.json with Pulumi's own code generators.
// `pulumi package gen-sdk` would do the same, but it delegates to the language host's GeneratePackage, which
// the hosts built here lack (v3.66/v3.68, the newest the Go module proxy serves; see scripts/build-pulumi-engine),
// so this program calls the generators that the hosts call, and nothing else.
//
// Usage (see `npm run generate:go-sdk` and `npm run generate:nodejs-sdk`, which empty the SDK's generated
// files first; scripts/gen-sdk/check compares a fresh generation with the committed SDK):
//
//	go -C scripts/gen-sdk run . -lang go|nodejs -schema ../../schema.json -out ../../sdk/<lang>
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	tsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The name the generated files' headers give as their generator.
const tool = "pulumi-linq gen-sdk"

func main() {
	lang := flag.String("lang", "go", "the SDK's language: go or nodejs")
	schemaPath := flag.String("schema", "schema.json", "the package schema")
	out := flag.String("out", "sdk/go", "the SDK's directory")
	flag.Parse()
	if err := generate(*lang, *schemaPath, *out); err != nil {
		fmt.Fprintf(os.Stderr, "gen-sdk: %v\n", err)
		os.Exit(1)
	}
}

func generate(lang, schemaPath, out string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	if err := respectSchemaVersion(&spec, lang); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	// A loader is asked only for other packages that the schema refers to, and ours refers to none.
	pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
	if err == nil && diags.HasErrors() {
		err = diags
	}
	if err != nil {
		return fmt.Errorf("%s is not a valid package schema: %w", schemaPath, err)
	}
	var files map[string][]byte
	switch lang {
	case "go":
		files, err = gogen.GeneratePackage(tool, pkg, nil)
	case "nodejs":
		files, err = tsgen.GeneratePackage(tool, pkg, nil, nil, false, nil) // no loader, as above
	default:
		err = fmt.Errorf("-lang %s: the languages are go and nodejs", lang)
	}
	if err != nil {
		return err
	}
	for name, content := range files {
		target := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// respectSchemaVersion adds the one generator option that schema.json's language section lacks: the SDK asks
// the engine for the plugin version of the schema, not for one derived from its own package version.
func respectSchemaVersion(spec *schema.PackageSpec, lang string) error {
	options := map[string]any{}
	if given, ok := spec.Language[lang]; ok {
		if err := json.Unmarshal(given, &options); err != nil {
			return fmt.Errorf("language.%s: %w", lang, err)
		}
	}
	options["respectSchemaVersion"] = true
	encoded, err := json.Marshal(options)
	if err != nil {
		return err
	}
	if spec.Language == nil {
		spec.Language = map[string]schema.RawMessage{}
	}
	spec.Language[lang] = encoded
	return nil
}
