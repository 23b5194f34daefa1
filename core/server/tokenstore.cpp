#include "tokenstore.h"

#include "privatefile.h"

#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace tsg {

TokenStore::TokenStore(QString path) : m_path(std::move(path)) {}

QString TokenStore::generate()
{
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray raw(reinterpret_cast<const char *>(words), sizeof words);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QString> TokenStore::loadOrCreate()
{
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly)) {
        const QString token = QString::fromLatin1(file.read(256)).trimmed();
        static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9_-]{32,128}$"));
        if (shape.match(token).hasMatch()) {
            // Readable by others (copied, chmod-ed): rewrite it private, same token.
            if ((file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) != 0) {
                if (const auto s = writePrivateFile(m_path, token.toLatin1() + '\n'); !s.ok())
                    return s.error();
            }
            return token;
        }
    }
    return regenerate();
}

Result<QString> TokenStore::regenerate()
{
    const QString token = generate();
    if (const auto s = writePrivateFile(m_path, token.toLatin1() + '\n'); !s.ok())
        return s.error();
    return token;
}

} // namespace tsg
