"""The repository's documents hold together: every "docs/x.md, *Section*" reference in code and documents names
a heading of that document, every relative link of a Markdown file reaches a file, and nothing points outside
the repository (an external design document or a tracker's issue number that a reader of the repo cannot see)."""
import os
import re
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
SKIPPED_DIRS = {'.git', '.venv', 'node_modules', 'target', '.aws-sam', '.mvn'}
TEXT_SUFFIXES = ('.java', '.md', '.yaml', '.yml', '.js', '.mjs', '.py', '.sh', '.html', '.css', '.toml', '.json',
                 '.xml', '.txt')
SECTION_REFERENCE = re.compile(r'([\w-]+\.md)\)?,\s+(?:\*([^*]+)\*|"([^"]+)")')
MARKDOWN_LINK = re.compile(r'\]\(([^)#\s]+)(?:#[^)]*)?\)')
OUTSIDE = re.compile(r'\.\./shared|\bshared/[A-Z-]+\.md|\b(?:DESIGN|LOCAL-AWS|PERFORMANCE|STYLE)\.md'
                     r'|\b[Ii]ssue #?\d+|\b[Ii]nvariant \d\b')


def text_files():
    for root, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        for name in files:
            path = os.path.join(root, name)
            is_script = os.access(path, os.X_OK) and '.' not in name
            if name.endswith(TEXT_SUFFIXES) or is_script or name == 'Makefile':
                try:
                    with open(path, encoding='utf-8') as f:
                        yield os.path.relpath(path, ROOT), f.read()
                except (UnicodeDecodeError, OSError):
                    continue


def headings(document):
    path = os.path.join(ROOT, document if document == 'README.md' else os.path.join('docs', document))
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as f:
        return {re.sub(r'[`*]', '', h).strip() for h in re.findall(r'^#+ (.*)$', f.read(), re.M)}


class DocumentReferences(unittest.TestCase):
    def test_every_section_reference_names_a_heading(self):
        missing = []
        for path, text in text_files():
            for match in SECTION_REFERENCE.finditer(text):
                document = match.group(1)
                section = ' '.join((match.group(2) or match.group(3)).split())
                # strip comment markers a wrapped reference picks up ("*Member\n * lifecycle*")
                section = re.sub(r'\s*(?://|#|\*)\s*', ' ', section).strip()
                known = headings(document)
                if known is None or any(h == section or h.startswith(section) for h in known):
                    continue
                missing.append(f'{path}: {document}, "{section}"')
        self.assertEqual([], missing, 'references to sections that do not exist (rename the reference or the heading)')

    def test_every_relative_markdown_link_reaches_a_file(self):
        broken = []
        for path, text in text_files():
            if not path.endswith('.md'):
                continue
            for target in MARKDOWN_LINK.findall(text):
                if re.match(r'^[a-z]+:', target):
                    continue
                if not os.path.exists(os.path.normpath(os.path.join(ROOT, os.path.dirname(path), target))):
                    broken.append(f'{path}: {target}')
        self.assertEqual([], broken, 'links to files that do not exist')

    def test_nothing_points_outside_the_repository(self):
        outside = []
        for path, text in text_files():
            if path == os.path.relpath(__file__, ROOT):
                continue
            for number, line in enumerate(text.splitlines(), 1):
                if OUTSIDE.search(line):
                    outside.append(f'{path}:{number}: {line.strip()[:120]}')
        self.assertEqual([], outside, 'the repository stands alone: its design is docs/design.md')


if __name__ == '__main__':
    unittest.main()
