#!/usr/bin/env python3
"""Extract plain-text pages from the LibreOffice help (Korean and English).

Writes OUT/ko/<relpath>.txt for Korean pages whose letters are at least 60%
Hangul, OUT/en/<relpath>.txt for every en-US page, and OUT/manifest.json.
Each .txt holds the title, a blank line, then one body paragraph per line.
"""
import argparse
import json
import os
import re
import sys
from html.parser import HTMLParser

BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre",
         "div", "tr", "table", "ul", "ol", "dt", "dd"}
SKIP = {"script", "style", "nav", "header", "aside", "noscript"}
MIN_HANGUL_SHARE = 0.6


class PageParser(HTMLParser):
    """Collects <title>, the first <h1> and the paragraphs of DisplayArea."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = None
        self.paragraphs = []
        self._in_title = False
        self._h1_buf = None
        self._skip = 0
        self._state = "before"
        self._div_depth = 0
        self._buf = []

    def _flush(self):
        text = " ".join("".join(self._buf).split())
        if text:
            self.paragraphs.append(text)
        self._buf = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        if self._state == "before":
            if tag == "div" and dict(attrs).get("id") == "DisplayArea":
                self._state = "in"
            return
        if self._state != "in":
            return
        if tag == "div":
            self._div_depth += 1
        if tag in SKIP:
            self._skip += 1
        if tag == "br":
            self._buf.append(" ")
        if tag in BLOCK:
            self._flush()
        if tag == "h1" and self.h1 is None:
            self._h1_buf = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self._state != "in":
            return
        if tag == "div":
            if self._div_depth == 0:
                self._flush()
                self._state = "after"
                return
            self._div_depth -= 1
        if tag in SKIP and self._skip:
            self._skip -= 1
        if tag in BLOCK:
            self._flush()
        if tag == "h1" and self._h1_buf is not None:
            self.h1 = " ".join("".join(self._h1_buf).split())
            self._h1_buf = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._state != "in" or self._skip:
            return
        self._buf.append(data)
        if self._h1_buf is not None:
            self._h1_buf.append(data)


def extract(path):
    """Return (title, body paragraphs) of one help page."""
    parser = PageParser()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    parser.close()
    title = parser.h1 or " ".join(parser.title.split())
    body = parser.paragraphs
    if body and body[0] == title:
        body = body[1:]
    return title, body


def hangul_share(text):
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7a3")
    return hangul / len(letters)


def list_pages(root):
    pages = []
    for dirpath, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                pages.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(p.replace(os.sep, "/") for p in pages)


def write_page(out_dir, lang, relpath, title, body):
    dest = os.path.join(out_dir, lang, relpath)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "w", encoding="utf-8") as f:
        f.write(title + "\n\n" + "".join(p + "\n" for p in body))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True)
    ap.add_argument("--help-root", default="/usr/share/libreoffice/help")
    args = ap.parse_args()

    manifest = {"ko": [], "en": [], "hangul_share": {}}
    for lang, src in (("ko", "ko"), ("en", "en-US")):
        root = os.path.join(args.help_root, src, "text")
        if not os.path.isdir(root):
            sys.exit(f"missing help pages: {root}")
        for html_path in list_pages(root):
            relpath = re.sub(r"\.html$", ".txt", html_path)
            title, body = extract(os.path.join(root, html_path))
            if lang == "ko":
                share = round(hangul_share(title + "\n" + "\n".join(body)), 4)
                manifest["hangul_share"][relpath] = share
                if share < MIN_HANGUL_SHARE:
                    continue
            write_page(args.out, lang, relpath, title, body)
            manifest[lang].append(relpath)

    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1, sort_keys=True)
    print(f"ko pages: {len(manifest['ko'])} (of {len(manifest['hangul_share'])})")
    print(f"en pages: {len(manifest['en'])}")


if __name__ == "__main__":
    main()
