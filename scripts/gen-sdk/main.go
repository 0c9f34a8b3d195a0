// gen-sdk writes an SDK of the plugin from schema.json with Pulumi's own code generators (the ones
// `pulumi package gen-sdk` uses: github.com/pulumi/pulumi/pkg/v3/codegen/go and .../nodejs), so no SDK is
// ever edited by hand. With -check it writes nothing and fails if the committed SDK differs from what it
// would write.
//
//   - go: the Go SDK's module is <out>/go.mod: its module path decides the SDK's import path
//     (<module>/linq), so the generated imports always match where the files live.
//   - nodejs: the TypeScript SDK that the npm package builds into dist/ and exports as pulumi-linq/native.
//
// Both SDKs ask the engine for the plugin version of the schema (respectSchemaVersion).
//
// Usage (from the repository root, see `npm run generate:go-sdk` and `npm run generate:nodejs-sdk`):
//
//	go -C scripts/gen-sdk run . -lang go|nodejs -schema ../../schema.json -out ../../sdk/<lang> [-check]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	tsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"golang.org/x/mod/modfile"
)

const tool = "pulumi-linq gen-sdk"

// The SDK's own files beside the generated ones, which the generator neither writes nor checks.
var handKept = map[string]bool{"go.mod": true, "go.sum": true}

func main() {
	lang := flag.String("lang", "go", "the SDK's language: go or nodejs")
	schemaPath := flag.String("schema", "schema.json", "the package schema")
	out := flag.String("out", "sdk/go", "the SDK's directory (for go, the directory of its Go module)")
	check := flag.Bool("check", false, "write nothing; fail if the files in -out differ from the generated ones")
	flag.Parse()

	files, err := generate(*lang, *schemaPath, *out)
	if err == nil {
		if *check {
			err = compare(*lang, *out, files)
		} else {
			err = write(*out, files)
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen-sdk: %v\n", err)
		os.Exit(1)
	}
}

func generate(lang, schemaPath, out string) (map[string][]byte, error) {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	options := map[string]any{"respectSchemaVersion": true}
	switch lang {
	case "go":
		modulePath, err := readModulePath(filepath.Join(out, "go.mod"))
		if err != nil {
			return nil, err
		}
		options["importBasePath"] = modulePath + "/" + spec.Name
	case "nodejs":
	default:
		return nil, fmt.Errorf("-lang %s: the languages are go and nodejs", lang)
	}
	if err := setOptions(&spec, lang, options); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noOtherPackages{}, schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s is not a valid package schema: %s", schemaPath, diags.Error())
	}
	if lang == "go" {
		return gogen.GeneratePackage(tool, pkg, nil)
	}
	return tsgen.GeneratePackage(tool, pkg, nil, nil, false, noOtherPackages{})
}

// noOtherPackages is the loader for a schema that refers to no other package: ours does not, and a reference
// would need provider plugins this generator does not run.
type noOtherPackages struct{}

func (noOtherPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; gen-sdk supports self-contained schemas only", name)
}

func (l noOtherPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, d.Version)
}

func (l noOtherPackages) LoadPackageReference(name string, v *semver.Version) (schema.PackageReference, error) {
	_, err := l.LoadPackage(name, v)
	return nil, err
}

func (l noOtherPackages) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, d.Version)
}

func readModulePath(goMod string) (string, error) {
	raw, err := os.ReadFile(goMod)
	if err != nil {
		return "", err
	}
	path := modfile.ModulePath(raw)
	if path == "" {
		return "", fmt.Errorf("%s has no module line", goMod)
	}
	return path, nil
}

// setOptions sets the generator's options for lang over the schema's own, unless the schema already says
// otherwise (a Go importBasePath elsewhere is an error: the files would not build).
func setOptions(spec *schema.PackageSpec, lang string, required map[string]any) error {
	options := map[string]any{}
	if given, ok := spec.Language[lang]; ok {
		if err := json.Unmarshal(given, &options); err != nil {
			return fmt.Errorf("language.%s: %w", lang, err)
		}
	}
	if want, ok := required["importBasePath"]; ok {
		if given, ok := options["importBasePath"]; ok && given != want {
			return fmt.Errorf("language.%s.importBasePath is %v, but the SDK's go.mod puts the package at %s: "+
				"make them agree", lang, given, want)
		}
	}
	for key, value := range required {
		if _, ok := options[key]; !ok {
			options[key] = value
		}
	}
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

func write(out string, files map[string][]byte) error {
	stale, err := existing(out)
	if err != nil {
		return err
	}
	for name, content := range files {
		delete(stale, name)
		target := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, content, 0o644); err != nil {
			return err
		}
	}
	for name := range stale {
		if err := os.Remove(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			return err
		}
	}
	fmt.Printf("gen-sdk: wrote %d files to %s\n", len(files), out)
	return nil
}

func compare(lang, out string, files map[string][]byte) error {
	present, err := existing(out)
	if err != nil {
		return err
	}
	var problems []string
	for _, name := range sortedKeys(files) {
		have, ok := present[name]
		switch {
		case !ok:
			problems = append(problems, "missing: "+name)
		case !bytes.Equal(have, files[name]):
			problems = append(problems, "differs: "+name)
		}
		delete(present, name)
	}
	for _, name := range sortedKeys(present) {
		problems = append(problems, "not generated: "+name)
	}
	if len(problems) > 0 {
		msg := fmt.Sprintf("%s is out of date with the schema; run `npm run generate:%s-sdk` and commit the result:",
			out, lang)
		for _, p := range problems {
			msg += "\n  " + p
		}
		return errors.New(msg)
	}
	fmt.Printf("gen-sdk: %s matches the schema (%d files)\n", out, len(files))
	return nil
}

// existing reads the files below out, by slash-separated path, except the hand-kept ones.
func existing(out string) (map[string][]byte, error) {
	found := map[string][]byte{}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(out, path)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if handKept[name] {
			return nil
		}
		found[name], err = os.ReadFile(path)
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		return found, nil
	}
	return found, err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
