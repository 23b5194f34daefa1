#include "sha256.h"

#include <openssl/evp.h>

namespace tsg {

struct Sha256::Impl {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ~Impl() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : d(std::make_unique<Impl>())
{
    EVP_DigestInit_ex(d->ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256 &&) noexcept = default;
Sha256 &Sha256::operator=(Sha256 &&) noexcept = default;

void Sha256::addData(const char *data, qsizetype size)
{
    EVP_DigestUpdate(d->ctx, data, size_t(size));
}

QByteArray Sha256::result()
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    EVP_DigestFinal_ex(d->ctx, reinterpret_cast<unsigned char *>(out.data()), &len);
    out.truncate(int(len));
    return out;
}

QString Sha256::hexResult()
{
    return QString::fromLatin1(result().toHex());
}

QString Sha256::hexOf(const QByteArray &data)
{
    Sha256 h;
    h.addData(data.constData(), data.size());
    return h.hexResult();
}

} // namespace tsg
