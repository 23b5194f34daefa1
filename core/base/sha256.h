// Incremental SHA-256 through OpenSSL, which uses the CPU's SHA instructions where it has them
// (about twice as fast as QCryptographicHash here).
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace tsg {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256 &&) noexcept;
    Sha256 &operator=(Sha256 &&) noexcept;
    void addData(const char *data, qsizetype size);
    QByteArray result(); // raw 32 bytes; the hash cannot be extended afterwards
    QString hexResult(); // lower-case hex

    static QString hexOf(const QByteArray &data);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tsg
