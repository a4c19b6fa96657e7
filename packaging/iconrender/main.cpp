// SPDX-License-Identifier: GPL-3.0-or-later
// cdc-iconrender: renders the application's SVG icon into the hicolor theme's PNG sizes at build time,
// so the installed PNGs always match resources/icons/cdc-studio.svg.
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QStringList>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // enough for shapes: the icon has no text, so no fonts are needed
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 5) {
        std::fputs("usage: cdc-iconrender ICON.svg OUTPUT-DIR NAME SIZE...\n"
                   "writes OUTPUT-DIR/<SIZE>x<SIZE>/apps/NAME.png for each SIZE\n",
                   stderr);
        return 64;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "cdc-iconrender: %s is not a readable SVG\n", qPrintable(args.at(1)));
        return 1;
    }
    for (qsizetype i = 4; i < args.size(); ++i) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            std::fprintf(stderr, "cdc-iconrender: %s is not an icon size\n", qPrintable(args.at(i)));
            return 64;
        }
        const QString folder = args.at(2) + QStringLiteral("/%1x%1/apps").arg(size);
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString file = folder + u'/' + args.at(3) + QStringLiteral(".png");
        if (!QDir().mkpath(folder) || !image.save(file, "PNG")) {
            std::fprintf(stderr, "cdc-iconrender: cannot write %s\n", qPrintable(file));
            return 1;
        }
    }
    return 0;
}
