#include "columnhider.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QHeaderView>

namespace tsg {

ColumnHider::ColumnHider(QAbstractItemView *view, QHeaderView *header, int stretch, int stretchMin,
                         QList<int> hideFirst)
    : QObject(view), m_viewport(view->viewport()), m_header(header), m_stretch(stretch), m_stretchMin(stretchMin),
      m_hideFirst(std::move(hideFirst))
{
    m_viewport->installEventFilter(this);
    connect(header, &QHeaderView::sectionResized, this, [this](int section) {
        if (section != m_stretch)
            update(); // the user widened a column: another may have to go
    });
}

bool ColumnHider::eventFilter(QObject *watched, QEvent *event)
{
    // The viewport, not the view: its events still come while the view is being destroyed.
    if (event->type() == QEvent::Resize && watched == m_viewport)
        update();
    return false;
}

void ColumnHider::update()
{
    if (m_updating)
        return;
    m_updating = true;
    for (int c : std::as_const(m_hideFirst))
        if (!m_header->isSectionHidden(c) && m_header->sectionSize(c) > 0)
            m_widths.insert(c, m_header->sectionSize(c));
    // From the most important down: a column shows while the stretch column keeps its minimum beside it.
    int left = m_viewport->width() - m_stretchMin;
    for (auto it = m_hideFirst.crbegin(); it != m_hideFirst.crend(); ++it) {
        const int width = m_widths.value(*it, m_header->defaultSectionSize());
        const bool fits = width <= left;
        if (fits)
            left -= width;
        if (m_header->isSectionHidden(*it) == fits)
            m_header->setSectionHidden(*it, !fits);
    }
    m_updating = false;
}

} // namespace tsg
