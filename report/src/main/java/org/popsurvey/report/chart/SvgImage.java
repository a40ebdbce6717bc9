package org.popsurvey.report.chart;

import java.awt.Rectangle;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * A JFreeChart drawn into an SVG document by JFreeSVG, on the server, and packed as a
 * {@code data:} URI for an {@code <img>}: the page carries its charts, fetches nothing and runs
 * no script (a data-URI SVG image cannot run one either).
 */
public final class SvgImage {

    static {
        // No display on a server or in CI: AWT is only used for font metrics.
        System.setProperty("java.awt.headless", "true");
    }

    private SvgImage() {}

    /** The chart as SVG text, {@code width} x {@code height} user units. */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D graphics = new SVGGraphics2D(width, height);
        chart.draw(graphics, new Rectangle(0, 0, width, height));
        return graphics.getSVGDocument();
    }

    public static String dataUri(JFreeChart chart, int width, int height) {
        return "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg(chart, width, height).getBytes(StandardCharsets.UTF_8));
    }
}
