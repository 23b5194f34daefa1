// The preview's image: drawn scaled down to fit the pane (never up), centred, keeping its proportions, so that a
// screenshot of any size shows whole.
#pragma once

#include <QImage>
#include <QWidget>

namespace tsg {

class ImageView : public QWidget {
    Q_OBJECT
public:
    explicit ImageView(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    const QImage &image() const { return m_image; }
    // Where the image is drawn now, in the widget's coordinates.
    QRect imageRect() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
};

} // namespace tsg
