#include "filetypes.h"

#include <QHash>

namespace tsg::FileTypes {

QString extensionOf(const QString &fileName)
{
    const QString name = fileName.section(u'/', -1);
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0) // none, or a hidden name such as ".bashrc"
        return {};
    return name.mid(dot).toLower();
}

QString typeOf(const QString &fileName)
{
    static const QHash<QString, QString> types = {
        {QStringLiteral(".md"), QStringLiteral("markdown")},   {QStringLiteral(".txt"), QStringLiteral("text")},
        {QStringLiteral(".log"), QStringLiteral("log")},       {QStringLiteral(".json"), QStringLiteral("json")},
        {QStringLiteral(".yaml"), QStringLiteral("yaml")},     {QStringLiteral(".yml"), QStringLiteral("yaml")},
        {QStringLiteral(".png"), QStringLiteral("image")},     {QStringLiteral(".jpg"), QStringLiteral("image")},
        {QStringLiteral(".jpeg"), QStringLiteral("image")},    {QStringLiteral(".gif"), QStringLiteral("image")},
        {QStringLiteral(".svg"), QStringLiteral("image")},     {QStringLiteral(".pdf"), QStringLiteral("pdf")},
        {QStringLiteral(".docx"), QStringLiteral("document")}, {QStringLiteral(".xlsx"), QStringLiteral("spreadsheet")},
    };
    return types.value(extensionOf(fileName), QStringLiteral("unknown"));
}

} // namespace tsg::FileTypes
