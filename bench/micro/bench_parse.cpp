// bench_parse: what happens to a seed-style 140 MB tsg:upload text message after QWebSocket hands
// it over as a QString, step by step, against the obvious Qt calls. Not a test; see bench/README.md
// for the end-to-end numbers.
//
// usage: bench_parse [--mb 100] [--files 10] [--runs 3]
// Prints the best of `runs` for each step, in ms and in millions of input units per second, as a line
// and as a JSON line (bench/parse.sh keeps those in bench/results/),
// (characters for text steps, bytes for QByteArray steps; base64 input is ASCII either way).
#include "base64.h"
#include "jsonview.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <thread>
#include <vector>

namespace {

double bestOf(int runs, const std::function<void()> &step)
{
    double best = std::numeric_limits<double>::max();
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        step();
        best = std::min(best, double(t.nsecsElapsed()) / 1e6);
    }
    return best;
}

void report(const char *name, double ms, double inputMb)
{
    std::printf("%-44s %9.1f ms  %8.0f M/s\n", name, ms, inputMb / (ms / 1000.0));
    // The same as a JSON line, which bench/record.mjs keeps as a raw result.
    std::printf("{\"measure\":\"%s\",\"bestMs\":%.1f,\"millionsPerS\":%.0f}\n", name, ms, inputMb / (ms / 1000.0));
    std::fflush(stdout);
}

int argValue(const QStringList &args, const QString &key, int fallback)
{
    const qsizetype i = args.indexOf(key);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toInt() : fallback;
}

// Decodes one base64 string in chunks through a fixed buffer, as the upload writer does; returns a
// running checksum of the bytes so the work cannot be optimised away.
quint64 decodeChunked(QStringView content, std::vector<char> &buf)
{
    const qsizetype chunkChars = qsizetype(buf.size()) / 3 * 4;
    quint64 sum = 0;
    for (qsizetype pos = 0; pos < content.size(); pos += chunkChars) {
        const qsizetype take = std::min(chunkChars, content.size() - pos);
        const qsizetype n = tsg::Base64::decode(content.sliced(pos, take), buf.data());
        if (n < 0) {
            std::fprintf(stderr, "decode failed\n");
            std::exit(1);
        }
        sum += quint64(quint8(buf[0])) + quint64(n);
    }
    return sum;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int mb = argValue(args, QStringLiteral("--mb"), 100);
    const int files = argValue(args, QStringLiteral("--files"), 10);
    const int runs = argValue(args, QStringLiteral("--runs"), 3);

    // The message, as bench.mjs builds it: {type, sessionId, requestId, data: {tsgName, files: [...]}}.
    const qsizetype per = qsizetype(mb) * 1024 * 1024 / files;
    std::vector<QByteArray> originals;
    QByteArray utf8 = QByteArrayLiteral(
        R"({"type":"tsg:upload","sessionId":"bench","requestId":"up","data":{"tsgName":"bench-upload","files":[)");
    for (int i = 0; i < files; ++i) {
        QByteArray bytes(per, Qt::Uninitialized);
        QRandomGenerator rng(quint32(i) + 1);
        rng.fillRange(reinterpret_cast<quint32 *>(bytes.data()), per / 4);
        originals.push_back(bytes);
        if (i)
            utf8 += ',';
        utf8 += R"({"path":"dir)" + QByteArray::number(i % 10) + "/file" + QByteArray::number(i)
            + R"(.log","content":")" + bytes.toBase64() + R"(","type":"text/plain","size":)" + QByteArray::number(per)
            + '}';
    }
    utf8 += "]}}";
    const QString text = QString::fromUtf8(utf8); // what QWebSocket::textMessageReceived delivers
    utf8 = QByteArray();
    const double textMb = double(text.size()) / 1e6; // millions of characters
    const double payloadMb = double(per) * files / 1e6;
    std::printf("message: %.1f M chars (%.1f MB as UTF-16), %d files x %.1f MB = %.1f MB payload, best of %d\n", textMb,
                textMb * 2, files, double(per) / 1e6, payloadMb, runs);

    // 1. Parse the whole message into views.
    tsg::json::Document doc;
    report("json::Document::parse (whole message)",
           bestOf(runs,
                  [&] {
                      auto r = tsg::json::Document::parse(text);
                      if (!r.ok()) {
                          std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
                          std::exit(1);
                      }
                      doc = std::move(r).value();
                  }),
           textMb);

    std::vector<QStringView> contents;
    const tsg::json::Value &list = doc.root()[u"data"][u"files"];
    for (qsizetype i = 0; i < list.size(); ++i)
        contents.push_back(list.at(i)[u"content"].raw());
    double contentMb = 0;
    for (QStringView c : contents)
        contentMb += double(c.size()) / 1e6;

    // Correctness once: every file decodes to its original bytes.
    for (std::size_t i = 0; i < contents.size(); ++i) {
        QByteArray out(tsg::Base64::decodedLength(contents[i]), Qt::Uninitialized);
        if (tsg::Base64::decode(contents[i], out.data()) != out.size() || out != originals[i]) {
            std::fprintf(stderr, "file %zu does not round-trip\n", i);
            return 1;
        }
    }

    // 2. Decode every content from the QString, 1 MB chunks (1 thread, then 2).
    quint64 sink = 0;
    std::vector<char> buf(1024 * 1024 / 3 * 3);
    report("Base64::decode(QStringView), 1 thread",
           bestOf(runs,
                  [&] {
                      for (QStringView c : contents)
                          sink += decodeChunked(c, buf);
                  }),
           contentMb);
    report("Base64::decode(QStringView), 2 threads",
           bestOf(runs,
                  [&] {
                      quint64 sums[2] = {0, 0};
                      std::vector<std::thread> threads;
                      for (int t = 0; t < 2; ++t) {
                          threads.emplace_back([&, t] {
                              std::vector<char> own(buf.size());
                              for (std::size_t i = std::size_t(t); i < contents.size(); i += 2)
                                  sums[t] += decodeChunked(contents[i], own);
                          });
                      }
                      for (auto &th : threads)
                          th.join();
                      sink += sums[0] + sums[1];
                  }),
           contentMb);

    // 3. For comparison: the obvious chain's steps.
    report("QString::toUtf8 (whole message)",
           bestOf(runs,
                  [&] {
                      const QByteArray u = text.toUtf8();
                      sink += quint64(u.size());
                  }),
           textMb);
    std::vector<QByteArray> latin1;
    for (QStringView c : contents)
        latin1.push_back(c.toLatin1());
    report("QByteArray::fromBase64 (all contents)",
           bestOf(runs,
                  [&] {
                      for (const QByteArray &c : latin1)
                          sink += quint64(QByteArray::fromBase64(c).size());
                  }),
           contentMb);
    report("Base64::decode(QByteArrayView), 1 thread",
           bestOf(runs,
                  [&] {
                      for (const QByteArray &c : latin1) {
                          const qsizetype chunk = qsizetype(buf.size()) / 3 * 4;
                          for (qsizetype pos = 0; pos < c.size(); pos += chunk)
                              sink += quint64(
                                  tsg::Base64::decode(QByteArrayView(c).sliced(pos, std::min(chunk, c.size() - pos)),
                                                      buf.data()));
                      }
                  }),
           contentMb);
    std::printf("(checksum %llu)\n", static_cast<unsigned long long>(sink));
    return 0;
}
