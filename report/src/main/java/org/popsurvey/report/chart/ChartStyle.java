package org.popsurvey.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;

/** Colors and fonts shared by the report's charts (readable on screen and in grey-scale print). */
final class ChartStyle {

    static final Color HIGH = new Color(0x1f, 0x5f, 0x99);
    static final Color MEDIUM = new Color(0xd9, 0x8c, 0x1f);
    static final Color LOW = new Color(0xc0, 0x1f, 0x2f);
    static final Color UNKNOWN = new Color(0x77, 0x77, 0x77);
    static final Color CITY = new Color(0x2e, 0x7d, 0x32);
    static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final BasicStroke CITY_LINE =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private ChartStyle() {}

    static void apply(JFreeChart chart, Plot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
    }
}
