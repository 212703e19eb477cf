package cli

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// safeArgs are the arguments of printing calls that echo nothing from a user or a file,
// or that hold text sanitised where they were made, each with the reason.
var safeArgs = map[string]string{
	"label":             "the styled word Error:",
	"cmd.CommandPath()": "the names of tlx's own commands",
	"sig.name()":        "a signal's name from a fixed list",
	"m":                 "markText sanitises each label",
	"count(orphans, \"mark or note\", \"marks or notes\")": "a number and fixed words",
	"len(problems) - max": "a count",
	"asMarkdown":          "fixed words, or nothing",
	"kept":                "a count of events",
	"eventsHave":          "a count and fixed words",
	"strings.Repeat(\" \", nameWidth-lipgloss.Width(name))": "spaces that align a column",
}

// TestPrintedNamesSanitized reads the package's code: every argument of a fmt.Fprint*,
// fmt.Print* call must be a literal, a number, a call of timeline.SanitizeLine or
// timeline.Sanitize, a variable set from one of those in the same function, or listed in
// safeArgs. A name a user or a file gave that reaches the terminal raw can carry escape
// sequences that retitle the window or rewrite the screen.
func TestPrintedNamesSanitized(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			sanitized := sanitizedVars(fn.Body)
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				name := exprText(fset, call.Fun)
				first := 0
				switch {
				case name == "fmt.Fprintf":
					first = 2
				case name == "fmt.Fprintln" || name == "fmt.Fprint":
					first = 1
				case name == "fmt.Printf":
					first = 1
				case name == "fmt.Println" || name == "fmt.Print":
				default:
					return true
				}
				checked++
				for _, arg := range call.Args[min(first, len(call.Args)):] {
					if !safeArg(fset, arg, sanitized) {
						t.Errorf("%s: %s prints %s unsanitised; wrap it in timeline.SanitizeLine or list it in safeArgs",
							fset.Position(arg.Pos()), name, exprText(fset, arg))
					}
				}
				return true
			})
		}
	}
	if checked < 10 {
		t.Fatalf("found only %d printing calls; is the test reading the right files?", checked)
	}
}

// sanitizedVars returns the variables of a function body assigned a sanitised value.
func sanitizedVars(body *ast.BlockStmt) map[string]bool {
	vars := map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, rhs := range as.Rhs {
			if id, ok := as.Lhs[i].(*ast.Ident); ok && isSanitizeCall(rhs) {
				vars[id.Name] = true
			}
		}
		return true
	})
	return vars
}

func isSanitizeCall(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "timeline" && (sel.Sel.Name == "SanitizeLine" || sel.Sel.Name == "Sanitize")
}

func safeArg(fset *token.FileSet, e ast.Expr, sanitized map[string]bool) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		if sanitized[e.Name] {
			return true
		}
	case *ast.BinaryExpr: // arithmetic on counts
		if safeArg(fset, e.X, sanitized) && safeArg(fset, e.Y, sanitized) {
			return true
		}
	case *ast.CallExpr:
		if isSanitizeCall(e) || exprText(fset, e.Fun) == "len" {
			return true
		}
	}
	_, ok := safeArgs[exprText(fset, e)]
	return ok
}

func exprText(fset *token.FileSet, e ast.Expr) string {
	var b bytes.Buffer
	printer.Fprint(&b, fset, e)
	return b.String()
}

// TestExportMessagesSanitized drives every message tlx export prints about its -o file
// with a name that holds escape sequences: written, already there, interrupted. Before,
// the first and the last printed the name raw.
func TestExportMessagesSanitized(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x\x1b]0;PWNED\x07\x1b[2J.md")
	check := func(what, stderr string) {
		t.Helper()
		if strings.ContainsAny(stderr, "\x1b\x07") || !strings.Contains(stderr, "PWNED") {
			t.Errorf("%s: stderr %q", what, stderr)
		}
	}
	_, _, stderr := runCLI(t, "export", "-o", name)
	check("written", stderr)
	if _, err := os.Stat(name); err != nil {
		t.Fatalf("the export was not written: %v", err)
	}
	_, _, stderr = runCLI(t, "export", "-o", name)
	check("already there", stderr)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	run(ctx, Build{Version: "test"}, []string{"export", "-o", name, "--force"}, &out, &errb)
	check("interrupted", errb.String())
}
