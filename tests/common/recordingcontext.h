// A HandlerContext that records what a handler does instead of sending it: every text frame (raw and parsed),
// the sessions it uses and the uploads it follows. It lets the router and the handlers be tested without a
// socket, through the same interface Connection implements. requestText() builds the frames a test sends.
#pragma once

#include "handlercontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTest>

#include <memory>
#include <optional>

namespace testing {

class RecordingContext : public QObject, public tsg::HandlerContext {
public:
    static constexpr tsg::Origin kOrigin = 7;

    // One followUpload() call, as it was made.
    struct Follow {
        tsg::ChunkedUploadInfo upload;
        QJsonValue requestId;
        int generation = 0;
    };

    RecordingContext() = default;
    // Closed first: work still running on the library's threads posts nothing to a context that is gone.
    ~RecordingContext() override { m_poster->close(); }

    tsg::Origin origin() const override { return kOrigin; }
    void sendText(const QString &text) override
    {
        m_texts << text;
        m_sent << QJsonDocument::fromJson(text.toUtf8()).object();
        m_taken << false;
    }
    std::shared_ptr<tsg::Poster> poster() const override { return m_poster; }
    QObject *receiver() override { return this; }
    void useSession(const QString &sessionId) override { m_sessions << sessionId; }
    void followUpload(const tsg::ChunkedUploadInfo &upload, const QJsonValue &requestId, int generation) override
    {
        m_follows.append({.upload = upload, .requestId = requestId, .generation = generation});
    }
    void unfollowUpload(const QString &uploadId) override { m_unfollows << uploadId; }

    // Every frame sent so far, parsed (an empty object for a frame that is not a JSON object), and as sent.
    QList<QJsonObject> sent() const { return m_sent; }
    QStringList sentTexts() const { return m_texts; }
    // The types of the frames sent so far, in order.
    QStringList types() const
    {
        QStringList out;
        for (const QJsonObject &m : m_sent)
            out << m.value(u"type").toString();
        return out;
    }
    QStringList usedSessions() const { return m_sessions; }
    QList<Follow> follows() const { return m_follows; }
    QStringList unfollows() const { return m_unfollows; }

    // The earliest message of `type` that no earlier waitFor() returned, waiting for it (the event loop runs,
    // so library results and progress arrive) up to timeoutMs. On timeout the test fails, naming what did
    // arrive, and an empty object is returned.
    QJsonObject waitFor(const QString &type, int timeoutMs = 10000)
    {
        qsizetype at = -1;
        const auto arrived = [&] {
            for (qsizetype i = 0; i < m_sent.size(); ++i) {
                if (!m_taken.at(i) && m_sent.at(i).value(u"type").toString() == type) {
                    at = i;
                    return true;
                }
            }
            return false;
        };
        if (!arrived() && !QTest::qWaitFor(arrived, timeoutMs)) {
            const QString what = QStringLiteral("no '%1' message within %2 ms; sent so far: [%3]")
                                     .arg(type)
                                     .arg(timeoutMs)
                                     .arg(m_texts.join(QStringLiteral(", ")));
            QTest::qFail(qPrintable(what), __FILE__, __LINE__);
            return {};
        }
        m_taken[at] = true;
        return m_sent.at(at);
    }

private:
    std::shared_ptr<tsg::Poster> m_poster = std::make_shared<tsg::Poster>(this);
    QList<QJsonObject> m_sent;
    QStringList m_texts;
    QList<bool> m_taken; // per sent frame: returned by waitFor()
    QStringList m_sessions;
    QList<Follow> m_follows;
    QStringList m_unfollows;
};

// A request's text frame, {type, requestId?, sessionId?, data?}, for MessageRouter::handleText():
// requestText({.type = u"tsg:list"_s, .requestId = 1}). Fields left out are not sent.
struct TestRequest {
    QString type;
    QJsonValue requestId = QJsonValue::Undefined;
    QString sessionId = {};
    std::optional<QJsonObject> data = {};
};

inline QString requestText(const TestRequest &r)
{
    QJsonObject o{{QStringLiteral("type"), r.type}};
    if (!r.requestId.isUndefined())
        o.insert(QStringLiteral("requestId"), r.requestId);
    if (!r.sessionId.isEmpty())
        o.insert(QStringLiteral("sessionId"), r.sessionId);
    if (r.data)
        o.insert(QStringLiteral("data"), *r.data);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace testing
