// SPDX-License-Identifier: GPL-3.0-or-later
// Rendering the canvas to PNG or SVG.
#include "scenepicture.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QSaveFile>
#include <QSvgGenerator>

namespace cdc::ui {

Result<void> savePipelinePicture(QGraphicsScene *scene, const QString &path)
{
    const QRectF source = scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (source.isEmpty())
        return Error{
            QCoreApplication::translate("ScenePicture", "The pipeline is empty: there is nothing to draw."), path, {}};
    const QList<QGraphicsItem *> selected = scene->selectedItems();
    scene->clearSelection(); // selection highlights do not belong in a picture

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(QCoreApplication::translate("ScenePicture", "CDC Studio pipeline"));
        QPainter painter(&svg);
        painter.fillRect(QRectF(QPointF(0, 0), source.size()), scene->palette().color(QPalette::Base));
        scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    } else {
        QImage image((source.size() * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2);
        image.fill(scene->palette().color(QPalette::Base));
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
        image.save(&buffer, "PNG");
    }
    for (QGraphicsItem *item : selected)
        item->setSelected(true);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{
            QCoreApplication::translate("ScenePicture", "Cannot write the picture: %1").arg(file.errorString()),
            path,
            {}};
    return {};
}

} // namespace cdc::ui
