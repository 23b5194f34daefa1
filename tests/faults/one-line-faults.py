#!/usr/bin/env python3
# Checks that tests can fail: applies one-line faults to the code, one at a time, builds the test that guards it,
# runs it and expects a failure, then restores the file. Prints one line per fault.
# Usage: tests/faults/one-line-faults.py [F1 F2 ...]   env: BUILD (default build, a configured RelWithDebInfo tree)
# Needs a clean work tree for the files it touches; it writes each one back as it was.
import subprocess, sys, os
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
build = os.path.join(root, os.environ.get('BUILD', 'build'))
F = [
 ('F1 back-off window 60 s -> 60.001 s', 'core/server/authgate.cpp', 'm_clock() - m_failures.first() > kWindowMs)', 'm_clock() - m_failures.first() > kWindowMs + 1)', 'tst_security', 'tests/server/tst_security', 'failuresOlderThanAMinuteNoLongerCount'),
 ('F2 non-whole sizes accepted', 'core/protocol/uploadmessages.cpp', '|| bytes != std::floor(bytes))', ')', 'tst_uploadsize', 'tests/server/tst_uploadsize', ''),
 ('F3 wrong version byte not told apart', 'core/protocol/chunkframe.cpp', '&& frame.at(3) != kMagic[3])', '&& false)', 'tst_chunkframe', 'tests/server/tst_chunkframe', ''),
 ('F4 no close after 1000 refusals', 'core/server/chunkreceiver.cpp', 'if (++m_refusedInARow == kMaxRefusalsInARow) {', 'if (++m_refusedInARow == -1) {', 'tst_chunkedprotocol', 'tests/server/tst_chunkedprotocol', 'aConnectionThatOnlySendsRefusedFramesIsClosed'),
 ('F5 session name suffix not cut (the defect before 44d551e)', 'core/storage/sessionstore.cpp', 'const QString candidate = leftUtf8(stem, NameRules::kMaxNameBytes - suffix.toUtf8().size()) + suffix;', 'const QString candidate = stem + suffix; (void)leftUtf8;', 'tst_library', 'tests/core/tst_library', 'sessionUploadsKeepBothLongestNames'),
 ('F6 single-message upload holds no paths', 'core/library/library.cpp', 'auto held = m_uploads->holdPaths(resolved.value().name, paths.value());', 'Result<std::shared_ptr<void>> held = std::shared_ptr<void>();', 'tst_chunkeduploads', 'tests/core/tst_chunkeduploads', 'aFileBeingWrittenIsHeldAgainstBothForms'),
 ('F7 activation does not recheck', 'core/search/libraryindexer.cpp', '            recheckDisk();\n', '            ;\n', 'tst_libraryindexer', 'tests/search/tst_libraryindexer', 'becomingActivePicksUpChangesMadeByHand'),
 ('F8 oversized handshake not dropped for size', 'core/server/connectionthread.cpp', 'if (head.size() >= kMaxHandshakeBytes) {', 'if (false) {', 'tst_security', 'tests/server/tst_security', 'oversizedHandshakeIsDropped'),
 ('F9 SHA-256 drops the last byte of each update', 'core/base/sha256.cpp', 'EVP_DigestUpdate(d->ctx, data, size_t(size));', 'EVP_DigestUpdate(d->ctx, data, size_t(size > 0 ? size - 1 : 0));', 'tst_sha256', 'tests/core/tst_sha256', ''),
 ('F10 JSON view cannot read null', 'core/protocol/jsonview.cpp', 'if (!literal(u"null"))', 'if (!literal(u"nul!"))', 'tst_jsonview', 'tests/server/tst_jsonview', ''),
 ('F11 tray Quit not connected', 'ui/trayicon.cpp', 'm_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);', 'm_menu->addAction(tr("Quit"));', 'tst_windowlifecycle', 'tests/ui/tst_windowlifecycle', 'trayMenuChoosesTheActiveTsgAndRunsCleanup'),
 ('F12 window says MB again', 'ui/uploadplan.cpp', 'tr("%1 MiB is larger than the %2 MiB upload limit")', 'tr("%1MB is larger than the %2MB upload limit")', 'tst_uploadplan', 'tests/ui/tst_uploadplan', ''),
 ('F13 frames of the old connection still taken after a resume', 'core/upload/chunkedupload.cpp', 'if (generation < m_generation)', 'if (false && generation < m_generation)', 'tst_chunkedprotocol', 'tests/server/tst_chunkedprotocol', 'resumeRightAfterADropReportsTheFinalOffset'),
 ('F14 an out-of-range offset refused without where to go on', 'core/server/chunkreceiver.cpp', 'if (!named.ok())', 'if (true)', 'tst_chunkedprotocol', 'tests/server/tst_chunkedprotocol', 'refusalOfAnOutOfRangeOffsetSaysWhereToGoOn'),
 ('F15 a prefix marked only as a whole word', 'core/search/matchmarker.cpp', 'ok = last && phrase.prefix ?', 'ok = false && phrase.prefix ?', 'tst_matchmarker', 'tests/search/tst_matchmarker', ''),
 ('F16 rows of files that went never rebuilt away', 'core/search/indexwriter.cpp', 'if (dead <= kMinDeadRowsForRebuild || dead <= live)', 'if (true)', 'tst_searchindex', 'tests/search/tst_searchindex', 'rebuildsWhenMostRowsAreOfFilesThatWent'),
 ('F17 more matches than ranked not reported', 'core/search/indexreader.cpp', 'page.totalExact = false;', ';', 'tst_searchindex', 'tests/search/tst_searchindex', 'aQueryThatMatchesMoreThanIsRankedSaysSo'),
 ('F18 the blocks of a changed file kept', 'core/search/indexwriter.cpp', 'if (blocks > 0) {', 'if (false) {', 'tst_searchindex', 'tests/search/tst_searchindex', 'everyChangeCallUpdatesTheIndex'),
]
only = sys.argv[1:]
env = dict(os.environ, QT_QPA_PLATFORM='offscreen', LC_ALL='C.UTF-8')
for name, path, old, new, target, binary, fn in F:
    if only and name.split()[0] not in only: continue
    p = os.path.join(root, path)
    src = open(p).read()
    if src.count(old) != 1:
        print(f'{name}: SETUP ERROR, pattern found {src.count(old)} times in {path}', flush=True); continue
    open(p, 'w').write(src.replace(old, new))
    try:
        b = subprocess.run(['ninja', '-C', build, binary], capture_output=True, text=True)
        if b.returncode != 0:
            print(f'{name}: BUILD FAILED\n{b.stdout[-1500:]}', flush=True); continue
        args = [os.path.join(build, binary)] + ([fn] if fn else [])
        r = subprocess.run(args, capture_output=True, text=True, env=env, timeout=900)
        fails = [l for l in r.stdout.splitlines() if l.startswith('FAIL!')]
        verdict = 'FAILS as it should' if r.returncode != 0 else 'PASSES (test cannot see the fault!)'
        print(f'{name}: {binary}{" " + fn if fn else ""} {verdict}; first failure: {fails[0][:200] if fails else "-"}', flush=True)
    finally:
        open(p, 'w').write(src)
        subprocess.run(['ninja', '-C', build, binary], capture_output=True)
