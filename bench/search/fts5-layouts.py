#!/usr/bin/env python3
# What other FTS5 layouts would cost: the corpus's text cut into 40-line blocks as DocumentExtractor does, indexed
# by the system's SQLite (the one Qt uses) with the same tokenizer in several layouts, each timed (CPU of this
# process) and measured after an 'optimize' (one b-tree per index). An experiment for the index-size goal
# (<= 60 % of the text), not a measure of TSG Desk: it leaves out the files table, paths and metadata.
#   python3 bench/search/fts5-layouts.py CORPUS_DIR        (one JSON line per layout)
import json, os, sqlite3, sys, tempfile, time

root = sys.argv[1]
blocks = []
for d, _, names in sorted(os.walk(os.path.join(root, 'tsgs'))):
    for n in sorted(names):
        if n.startswith('.'):
            continue
        b = open(os.path.join(d, n), 'rb').read()
        if b.startswith(b'\xff\xfe'):
            t = b[2:].decode('utf-16le')
        else:
            try:
                t = b.decode('utf-8')
            except UnicodeDecodeError:
                t = b.decode('latin-1')
        lines = t.split('\n')
        for i in range(0, len(lines), 40):
            blocks.append('\n'.join(lines[i:i + 40]))
text = sum(len(x.encode()) for x in blocks)
print(json.dumps({'step': 'text', 'sqlite': sqlite3.sqlite_version, 'blocks': len(blocks), 'textMB': round(text / 1e6, 1)}))

layouts = [
    ('stored content (as today, without the UNINDEXED columns)', ''),
    ('contentless, detail=full (phrases work)', "content='',"),
    ('contentless, detail=column (no phrases or NEAR)', "content='', detail=column,"),
    ('contentless, detail=none (no phrases, no column filters)', "content='', detail=none,"),
]
with tempfile.TemporaryDirectory() as tmp:
    for name, opts in layouts:
        path = os.path.join(tmp, 'x.sqlite')
        for s in ('', '-wal', '-shm'):
            if os.path.exists(path + s):
                os.remove(path + s)
        db = sqlite3.connect(path, isolation_level=None)
        db.execute('PRAGMA journal_mode = WAL')
        db.execute('PRAGMA synchronous = NORMAL')
        db.execute(f"CREATE VIRTUAL TABLE chunks USING fts5(body, {opts} tokenize = 'unicode61 remove_diacritics 2')")
        cpu = time.process_time()
        db.execute('BEGIN')
        for i, x in enumerate(blocks):
            db.execute('INSERT INTO chunks(rowid, body) VALUES (?, ?)', (i, x))
            if (i + 1) % 1000 == 0:
                db.execute('COMMIT')
                db.execute('BEGIN')
        db.execute('COMMIT')
        insert = time.process_time() - cpu
        db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
        before = os.path.getsize(path)
        cpu = time.process_time()
        db.execute("INSERT INTO chunks(chunks) VALUES ('optimize')")
        optimize = time.process_time() - cpu
        db.execute('VACUUM')
        db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
        db.close()
        after = os.path.getsize(path)
        print(json.dumps({'step': 'layout', 'layout': name, 'insertCpuS': round(insert, 2),
                          'insertMBPerCpuS': round(text / 1e6 / insert, 1), 'optimizeCpuS': round(optimize, 2),
                          'sizeToText': round(before / text, 3), 'sizeToTextOptimized': round(after / text, 3)}))
