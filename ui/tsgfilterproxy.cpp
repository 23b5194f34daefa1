#include "tsgfilterproxy.h"

#include "tsglistmodel.h"

#include <QRegularExpression>

namespace tsg {

namespace {

// tag:word or tag:"words with spaces"
const QRegularExpression &tagTerm()
{
    static const QRegularExpression re(QStringLiteral(R"re((?:^|\s)tag:(?:"([^"]*)"?|(\S*)))re"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString termFor(const QString &tag)
{
    return tag.contains(u' ') ? QStringLiteral("tag:\"%1\"").arg(tag) : QStringLiteral("tag:") + tag;
}

} // namespace

TsgFilterProxy::TsgFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(TsgListModel::Name);
}

void TsgFilterProxy::setFilterText(const QString &text)
{
    QStringList tags;
    QString rest = text;
    QRegularExpressionMatchIterator it = tagTerm().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString tag = (m.capturedStart(1) >= 0 ? m.captured(1) : m.captured(2)).trimmed();
        if (!tag.isEmpty())
            tags << tag;
    }
    rest.replace(tagTerm(), QStringLiteral(" "));
    m_tags = tags;
    m_name = rest.simplified();
    invalidateFilter();
}

QString TsgFilterProxy::toggledTag(const QString &text, const QString &tag)
{
    QString out = text;
    bool removed = false;
    QRegularExpressionMatchIterator it = tagTerm().globalMatch(text);
    QList<std::pair<qsizetype, qsizetype>> spans;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString found = (m.capturedStart(1) >= 0 ? m.captured(1) : m.captured(2)).trimmed();
        if (found.compare(tag, Qt::CaseInsensitive) == 0)
            spans.prepend({m.capturedStart(), m.capturedLength()});
    }
    for (const auto &[start, length] : std::as_const(spans)) {
        out.remove(start, length);
        removed = true;
    }
    if (removed)
        return out.simplified();
    return (out.trimmed() + u' ' + termFor(tag)).trimmed();
}

bool TsgFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, TsgListModel::Name, sourceParent);
    if (!m_name.isEmpty() && !index.data(Qt::DisplayRole).toString().contains(m_name, Qt::CaseInsensitive))
        return false;
    if (m_tags.isEmpty())
        return true;
    const QStringList tags = index.data(TsgListModel::TagsRole).toStringList();
    for (const QString &wanted : m_tags)
        if (!tags.contains(wanted, Qt::CaseInsensitive))
            return false;
    return true;
}

} // namespace tsg
