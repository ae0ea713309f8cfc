"""Differential check of `sanarip form convert` against pyxform on a corpus of real-world XLSForms.

Usage (from the repository root, with the venv that scripts/setup.sh creates):

    .venv/bin/python Benchmarks/xlsform-corpus/compare.py SANARIP_BINARY FORMS_DIR OUT_DIR

For every .xlsx form in FORMS_DIR: convert it with pyxform 4.5.0 (the library, no validation) and with
`sanarip form convert`; run every XForm both tools produced through ODK Validate; compare the two XForms
structurally: the primary instance tree (names, order, attributes, default values), the binds by nodeset
(type, relevant, constraint, calculate, required, readonly, preloads, other attributes; expressions compared
without whitespace outside string literals), the body controls (kind, appearance, list, repeat count), every
label, hint and message per language, and the choice lists (names in order, labels per language, extra columns).
Writes OUT_DIR/report.json and OUT_DIR/report.md and prints the summary; exit status 0 unless the harness fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

XF = "{http://www.w3.org/2002/xforms}"
H = "{http://www.w3.org/1999/xhtml}"
JR = "{http://openrosa.org/javarosa}"
ITEXT_RE = re.compile(r"""^jr:itext\(\s*['"](.*)['"]\s*\)$""")


def convert_pyxform(form: Path, out: Path) -> tuple[bool, str]:
    from pyxform.xls2xform import convert

    try:
        result = convert(xlsform=str(form), validate=False, pretty_print=False, warnings=[])
    except Exception as error:  # pyxform reports every refusal as an exception
        return False, f"{type(error).__name__}: {error}".splitlines()[0][:300]
    out.write_text(result.xform, encoding="utf-8")
    return True, ""


def convert_sanarip(binary: str, form: Path, out: Path) -> tuple[bool, str, int]:
    run = subprocess.run(
        [binary, "form", "convert", str(form), "-o", str(out), "--no-warnings"],
        capture_output=True, text=True, timeout=120,
    )
    message = (run.stderr.strip().splitlines() or [""])
    errors = [line for line in message if line.startswith("error")]
    return run.returncode == 0 and out.exists(), "\n".join(errors[:5]) or message[0][:300], run.returncode


def odk_validate(jar: Path, files: list[Path]) -> dict[str, tuple[bool, str]]:
    """Validates the files in batches (one Java start per batch); failures are run again alone for their message."""

    def run(paths):
        done = subprocess.run(
            ["java", "-Djava.awt.headless=true", "-jar", str(jar), *map(str, paths)],
            capture_output=True, text=True, timeout=1800,
        )
        return done.returncode, done.stdout + done.stderr

    results = {}
    for start in range(0, len(files), 60):
        batch = files[start : start + 60]
        status, output = run(batch)
        failed = set()
        if status != 0:
            tail = output.split("The following files failed validation:")[-1]
            failed = {line.strip() for line in tail.splitlines() if line.strip()}
        for file in batch:
            if str(file) in failed:
                _, alone = run([file])
                detail = [line for line in alone.splitlines() if line.strip() and not line.startswith(("\tat ", "Validating", "The following", "Result:"))]
                results[str(file)] = (False, " ".join(detail)[:400])
            else:
                results[str(file)] = (True, "")
    return results


# MARK: structure


# Set while classifying a difference: parentheses left out of expressions, to find forms that differ only in them.
WITHOUT_PARENTHESES = False
SMART_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
RELATIVE_RE = re.compile(r"(current\(\)/)?((?:\.\./)+)([A-Za-z_][\w.\-]*(?:/[A-Za-z_][\w.\-]*)*)")


def squeeze(expression: str | None, context: str | None = None) -> str | None:
    """An expression without whitespace outside string literals, every literal in single quotes when it can be
    (typographic quotes read as straight ones), and `../x` or `current()/../x` written as the absolute path they
    reach from `context`, the nodeset the expression belongs to."""
    if expression is None:
        return None
    expression = expression.translate(SMART_QUOTES)
    out, literal, quote = [], [], None
    for ch in expression:
        if quote:
            if ch == quote:
                text = "".join(literal)
                out.append(f"'{text}'" if "'" not in text else f'"{text}"')
                quote, literal = None, []
            else:
                literal.append(ch)
        elif ch in "'\"":
            quote = ch
        elif not ch.isspace():
            out.append(ch)
    if quote:
        out.append(quote + "".join(literal))
    squeezed = "".join(out)
    if WITHOUT_PARENTHESES:
        squeezed = re.sub(r"(?<![\w\-])\(|\)", "", squeezed)
    if context:
        def absolute(match):
            steps = match.group(2).count("../")
            base = context.split("/")
            if steps >= len(base):
                return match.group(0)
            return "/".join(base[: len(base) - steps]) + "/" + match.group(3)
        squeezed = RELATIVE_RE.sub(absolute, squeezed)
    return squeezed


def text_of(element) -> str:
    """Text content with <output value="…"/> written as ${…}-like markers."""
    parts = [element.text or ""]
    for child in element:
        if child.tag.endswith("output"):
            parts.append("<output " + (squeeze(child.get("value")) or "") + ">")
        parts.append(child.tail or "")
    # pyxform replaces typographic quotes in every cell; Sanarip keeps them in texts (they mean the same there).
    return " ".join("".join(parts).translate(SMART_QUOTES).split())


class XForm:
    def __init__(self, path: Path):
        tree = ET.parse(path)
        self.root = tree.getroot()
        head = self.root.find(H + "head")
        self.model = head.find(XF + "model")
        self.title = (head.findtext(H + "title") or "").strip()
        self.itext = self._itext()
        instances = self.model.findall(XF + "instance")
        self.primary = list(instances[0])[0]
        self.secondary = {i.get("id"): i for i in instances[1:]}

    def _itext(self) -> dict[str, dict[str, dict[str, str]]]:
        """id → language → form ('' for plain text) → text."""
        table: dict[str, dict[str, dict[str, str]]] = {}
        block = self.model.find(XF + "itext")
        if block is None:
            return table
        for translation in block.findall(XF + "translation"):
            lang = translation.get("lang")
            for text in translation.findall(XF + "text"):
                forms = table.setdefault(text.get("id"), {}).setdefault(lang, {})
                for value in text.findall(XF + "value"):
                    forms[value.get("form") or ""] = text_of(value)
        return table

    def resolve(self, element) -> dict[str, dict[str, str]] | None:
        """A <label>/<hint> element's text per language: inline text as language '*'."""
        if element is None:
            return None
        ref = element.get("ref")
        if ref:
            match = ITEXT_RE.match(ref.strip())
            if match:
                return {lang: {f: v for f, v in forms.items() if v} for lang, forms in self.itext.get(match.group(1), {}).items()}
            return {"*": {"ref": ref}}
        text = text_of(element)
        return {"*": {"": text}} if text else None

    def resolve_message(self, value: str | None) -> dict[str, dict[str, str]] | None:
        if value is None:
            return None
        match = ITEXT_RE.match(value.strip())
        if match:
            return {lang: {f: v for f, v in forms.items() if v} for lang, forms in self.itext.get(match.group(1), {}).items()}
        return {"*": {"": " ".join(value.split())}}

    def instance_tree(self) -> list:
        rows = []

        def walk(node, path):
            name = node.tag.split("}")[-1]
            here = f"{path}/{name}"
            attributes = {k.split("}")[-1]: v for k, v in node.attrib.items()}
            text = (node.text or "").strip() if len(node) == 0 else ""
            rows.append([here, sorted(attributes.items()), text])
            for child in node:
                walk(child, here)

        walk(self.primary, "")
        return rows

    def binds(self) -> dict[str, dict[str, object]]:
        result = {}
        for bind in self.model.findall(XF + "bind"):
            attributes = {}
            for key, value in bind.attrib.items():
                name = key.replace(JR, "jr:").split("}")[-1] if not key.startswith(JR) else key.replace(JR, "jr:")
                if name == "nodeset":
                    continue
                if name in ("jr:constraintMsg", "jr:requiredMsg"):
                    attributes[name] = self.resolve_message(value)
                elif name in ("relevant", "constraint", "calculate", "required", "readonly", "jr:preloadParams", "jr:preload"):
                    attributes[name] = squeeze(value, bind.get("nodeset"))
                else:
                    attributes[name] = " ".join(value.split())
            result[bind.get("nodeset")] = attributes
        return result

    def controls(self) -> dict[str, dict[str, object]]:
        result = {}
        body = self.root.find(H + "body")

        def walk(element):
            for child in element:
                tag = child.tag.split("}")[-1]
                if tag in ("label", "hint", "item", "itemset", "value", "tag"):
                    continue
                ref = child.get("ref") or child.get("nodeset")
                entry = {"kind": tag}
                for key, value in child.attrib.items():
                    name = key.replace(JR, "jr:").split("}")[-1] if not key.startswith(JR) else key.replace(JR, "jr:")
                    if name not in ("ref", "nodeset"):
                        entry[name] = squeeze(value, ref) if name in ("jr:count", "query") else " ".join(value.split())
                entry["label"] = self.resolve(child.find(XF + "label"))
                entry["hint"] = self.resolve(child.find(XF + "hint"))
                itemset = child.find(XF + "itemset")
                if itemset is not None:
                    entry["itemset"] = squeeze(itemset.get("nodeset"), ref)
                    value = itemset.find(XF + "value")
                    entry["itemset-value"] = value.get("ref") if value is not None else None
                inline = [
                    [item.findtext(XF + "value"), self.resolve(item.find(XF + "label"))]
                    for item in child.findall(XF + "item")
                ]
                if inline:
                    entry["items"] = inline
                # OpenMapKit questions (`osm LIST`): the tags asked for, with their labels.
                tags = [[tag.get("key"), self.resolve(tag.find(XF + "label"))] for tag in child.findall(XF + "tag")]
                if tags:
                    entry["tags"] = tags
                if ref is not None:
                    key = ref if tag != "repeat" else ref + "#repeat"
                    result[key] = entry
                walk(child)

        if body is not None:
            walk(body)
        return result

    def actions(self) -> list:
        """setvalue, setgeopoint and recordaudio actions anywhere in the form: (tag, ref, event, value), sorted."""
        found = []
        for element in self.root.iter():
            tag = element.tag.split("}")[-1]
            if tag in ("setvalue", "setgeopoint", "recordaudio"):
                ref = element.get("ref")
                found.append([tag, ref, " ".join(sorted((element.get("event") or "").split())), squeeze(element.get("value"), ref)])
        return sorted(found, key=json.dumps)

    def choice_lists(self) -> dict[str, list]:
        lists = {}
        for name, instance in self.secondary.items():
            root = list(instance)
            if not root:
                lists[name] = {"src": instance.get("src")}
                continue
            items = []
            for item in root[0]:
                fields = {c.tag.split("}")[-1]: (c.text or "").strip() for c in item}
                label_id = fields.pop("itextId", None)
                label = fields.pop("label", None)
                if label_id is not None:
                    texts = {lang: {f: v for f, v in forms.items() if v} for lang, forms in self.itext.get(label_id, {}).items()}
                else:
                    texts = {"*": {"": " ".join(label.split())}} if label else None
                items.append([sorted(fields.items()), texts])
            lists[name] = items
        return lists


def canonical_languages(structure):
    """Sorts language maps; 'default' and '*' (inline) are the same unnamed language."""
    if isinstance(structure, dict):
        return {("default" if k == "*" else k): canonical_languages(v) for k, v in sorted(structure.items())}
    if isinstance(structure, list):
        return [canonical_languages(v) for v in structure]
    return structure


def compare(py: Path, sn: Path) -> list[str]:
    a, b = XForm(py), XForm(sn)
    differences = []

    def check(part, x, y, limit=3):
        x, y = canonical_languages(x), canonical_languages(y)
        if x == y:
            return
        if isinstance(x, dict) and isinstance(y, dict):
            keys = sorted(set(x) | set(y))
            shown = 0
            for key in keys:
                if x.get(key) != y.get(key):
                    differences.append(f"{part} {key}: pyxform {json.dumps(x.get(key), ensure_ascii=False)[:240]} | sanarip {json.dumps(y.get(key), ensure_ascii=False)[:240]}")
                    shown += 1
                    if shown >= limit:
                        break
        else:
            for i, (u, v) in enumerate(zip(x, y)):
                if u != v:
                    differences.append(f"{part} #{i}: pyxform {json.dumps(u, ensure_ascii=False)[:240]} | sanarip {json.dumps(v, ensure_ascii=False)[:240]}")
                    break
            else:
                differences.append(f"{part}: pyxform has {len(x)} entries, sanarip {len(y)}")

    check("title", {"title": a.title}, {"title": b.title})
    check("instance", a.instance_tree(), b.instance_tree())
    check("bind", a.binds(), b.binds())
    check("control", a.controls(), b.controls())
    check("choices", a.choice_lists(), b.choice_lists())
    check("actions", a.actions(), b.actions())
    check("languages", sorted({l for t in a.itext.values() for l in t}), sorted({l for t in b.itext.values() for l in t}))
    return differences


def main() -> int:
    binary, forms_dir, out_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    jar = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages/pyxform/validators/odk_validate/bin/ODK_Validate.jar"
    only = set(sys.argv[4:])
    (out_dir / "pyxform").mkdir(parents=True, exist_ok=True)
    (out_dir / "sanarip").mkdir(parents=True, exist_ok=True)
    forms = sorted(p for p in forms_dir.iterdir() if p.suffix.lower() == ".xlsx" and (not only or p.name in only))
    # pyxform's results do not change between runs of this script: they are kept by the form's content.
    cache_file = out_dir / "pyxform-cache.json"
    cache = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    records = []
    py_time = sn_time = 0.0
    for form in forms:
        stem = form.stem
        py_out, sn_out = out_dir / "pyxform" / f"{stem}.xml", out_dir / "sanarip" / f"{stem}.xml"
        sn_out.unlink(missing_ok=True)
        digest = hashlib.sha256(form.read_bytes()).hexdigest()
        cached = cache.get(digest)
        if cached and (not cached["ok"] or py_out.exists()):
            py_ok, py_error = cached["ok"], cached["error"]
        else:
            py_out.unlink(missing_ok=True)
            t = time.perf_counter()
            py_ok, py_error = convert_pyxform(form, py_out)
            py_time += time.perf_counter() - t
            cached = cache[digest] = {"ok": py_ok, "error": py_error}
            if len(cache) % 10 == 0:
                cache_file.write_text(json.dumps(cache))
        if not py_ok and os.environ.get("ONLY_PYXFORM_ACCEPTED") == "1":
            records.append({"form": form.name, "pyxform": py_ok, "pyxform_error": py_error, "sanarip": False, "sanarip_error": "not run", "digest": digest})
            continue
        t = time.perf_counter()
        sn_ok, sn_error, _ = convert_sanarip(binary, form, sn_out)
        sn_time += time.perf_counter() - t
        records.append({"form": form.name, "pyxform": py_ok, "pyxform_error": py_error, "sanarip": sn_ok, "sanarip_error": sn_error, "digest": digest})
    skip = os.environ.get("SKIP_VALIDATE") == "1"
    to_validate = [out_dir / "sanarip" / f"{Path(r['form']).stem}.xml" for r in records if r["sanarip"]]
    to_validate += [out_dir / "pyxform" / f"{Path(r['form']).stem}.xml" for r in records if r["pyxform"] and "valid" not in cache[r["digest"]]]
    validation = odk_validate(jar, to_validate) if not skip else {}
    for r in records:
        key = str(out_dir / "pyxform" / f"{Path(r['form']).stem}.xml")
        if key in validation:
            cache[r["digest"]]["valid"], cache[r["digest"]]["validate_error"] = validation[key]
        if "valid" in cache[r["digest"]]:
            validation[key] = (cache[r["digest"]]["valid"], cache[r["digest"]]["validate_error"])
    cache_file.write_text(json.dumps(cache))
    for r in records:
        stem = Path(r["form"]).stem
        for tool in ("pyxform", "sanarip"):
            if r[tool]:
                ok, error = validation.get(str(out_dir / tool / f"{stem}.xml"), (None, "not validated"))
                r[f"{tool}_valid"], r[f"{tool}_validate_error"] = ok, error
        if r["pyxform"] and r["sanarip"]:
            try:
                r["differences"] = compare(out_dir / "pyxform" / f"{stem}.xml", out_dir / "sanarip" / f"{stem}.xml")
            except Exception as error:
                r["differences"] = [f"comparison failed: {type(error).__name__}: {error}"]
            if r.get("differences") and not r["differences"][0].startswith("comparison failed"):
                global WITHOUT_PARENTHESES
                WITHOUT_PARENTHESES = True
                r["parentheses_only"] = not compare(out_dir / "pyxform" / f"{stem}.xml", out_dir / "sanarip" / f"{stem}.xml")
                WITHOUT_PARENTHESES = False
    accepted = [r for r in records if r["pyxform"] and r.get("pyxform_valid") is not False]
    converted = [r for r in accepted if r["sanarip"]]
    valid = [r for r in converted if r.get("sanarip_valid") is not False]
    equal = [r for r in valid if not r.get("differences")]
    summary = {
        "forms": len(records),
        "pyxform_converted": sum(r["pyxform"] for r in records),
        "pyxform_converted_and_valid": len(accepted),
        "sanarip_converted_of_those": len(converted),
        "sanarip_valid_of_those": len(valid),
        "structurally_equal": len(equal),
        "differ_only_in_redundant_parentheses": sum(1 for r in valid if r.get("parentheses_only")),
        "sanarip_converted_pyxform_refused": sum(1 for r in records if r["sanarip"] and not r["pyxform"]),
        "pyxform_seconds": round(py_time, 2),
        "sanarip_seconds": round(sn_time, 2),
    }
    (out_dir / "report.json").write_text(json.dumps({"summary": summary, "forms": records}, indent=1, ensure_ascii=False))
    lines = ["# XLSForm corpus: pyxform 4.5.0 vs sanarip", "", "```", json.dumps(summary, indent=1), "```", ""]
    lines.append("## Refused by sanarip, accepted by pyxform")
    lines += [f"- {r['form']}: {r['sanarip_error']}" for r in accepted if not r["sanarip"]]
    lines.append("\n## Invalid in ODK Validate (sanarip)")
    lines += [f"- {r['form']}: {r.get('sanarip_validate_error')}" for r in converted if r.get("sanarip_valid") is False]
    lines.append("\n## Structural differences")
    for r in valid:
        if r.get("differences"):
            lines.append(f"- {r['form']}")
            lines += [f"    - {d}" for d in r["differences"][:8]]
    (out_dir / "report.md").write_text("\n".join(lines) + "\n")
    kinds = Counter(d.split(" ")[0] for r in valid for d in r.get("differences", []))
    print(json.dumps(summary, indent=1))
    print("difference kinds:", dict(kinds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
