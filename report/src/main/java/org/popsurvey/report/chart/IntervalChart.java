package org.popsurvey.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.popsurvey.report.data.Metric;
import org.popsurvey.schemas.output.Reliability;

/**
 * Every neighborhood as a dot with its 90% interval (estimate ± MOE), sorted by value, colored by
 * reliability (low ones in red with a hollow marker), and the citywide value as a dashed line. One
 * series per reliability class, so the legend explains the colors; each neighborhood has a value
 * in exactly one series.
 */
public final class IntervalChart {

    /** One neighborhood's point: the interval is {@code value ± moe}. */
    public record Point(String neighborhood, double value, Double moe, String reliability) {}

    /** The dashed line across the chart: a citywide value and its label. */
    public record Reference(double value, String label) {}

    private static final int WIDTH = 900;
    private static final int ROW_HEIGHT = 15;
    private static final int FRAME_HEIGHT = 150;
    private static final String UNKNOWN_SERIES = "reliability unknown";

    private IntervalChart() {}

    /** The chart's height for {@code points} neighborhoods, in the same units as its width. */
    public static int height(int points) {
        return FRAME_HEIGHT + ROW_HEIGHT * points;
    }

    public static int width() {
        return WIDTH;
    }

    /** {@code points} sorted as they should appear (highest first); {@code citywide} may be null. */
    public static JFreeChart of(Metric metric, List<Point> points, Reference citywide) {
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        List<String> series = List.of(Reliability.HIGH, Reliability.MEDIUM, Reliability.LOW, UNKNOWN_SERIES);
        for (Point point : points) {
            String key = point.reliability() == null ? UNKNOWN_SERIES : point.reliability();
            for (String name : series) {
                // The same category in every series keeps the rows in order; only one holds a value.
                dataset.add(
                        name.equals(key) ? point.value() : null,
                        name.equals(key) && point.moe() != null ? point.moe() : null,
                        label(name),
                        point.neighborhood());
            }
        }
        StatisticalLineAndShapeRenderer renderer = new StatisticalLineAndShapeRenderer(false, true);
        Color[] colors = {ChartStyle.HIGH, ChartStyle.MEDIUM, ChartStyle.LOW, ChartStyle.UNKNOWN};
        for (int s = 0; s < colors.length; s++) {
            renderer.setSeriesPaint(s, colors[s]);
            renderer.setSeriesShape(
                    s, s == 2 ? new Rectangle2D.Double(-4, -4, 8, 8) : new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            renderer.setSeriesShapesFilled(s, s != 2);
        }
        renderer.setErrorIndicatorStroke(new BasicStroke(1.5f));
        renderer.setErrorIndicatorPaint(null); // each interval in its series' color

        CategoryAxis neighborhoods = new CategoryAxis(null);
        neighborhoods.setTickLabelFont(ChartStyle.LABEL);
        neighborhoods.setMaximumCategoryLabelWidthRatio(0.5f);
        neighborhoods.setCategoryMargin(0);
        NumberAxis values = new NumberAxis(metric.label() + " (dot: estimate; bar: 90% margin of error)");
        values.setTickLabelFont(ChartStyle.LABEL);
        values.setLabelFont(ChartStyle.LABEL);
        values.setNumberFormatOverride(format(metric.kind()));
        values.setRange(0, axisEnd(metric, points));

        CategoryPlot plot = new CategoryPlot(dataset, neighborhoods, values, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        plot.setDomainGridlinesVisible(false);
        if (citywide != null) {
            ValueMarker city = new ValueMarker(citywide.value(), ChartStyle.CITY, ChartStyle.CITY_LINE);
            city.setLabel(citywide.label());
            city.setLabelFont(ChartStyle.LABEL);
            city.setLabelPaint(ChartStyle.CITY);
            city.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            city.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(city);
        }
        JFreeChart chart =
                new JFreeChart(metric.label() + " by neighborhood, highest first", ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, plot);
        return chart;
    }

    /**
     * Where the value axis ends: the highest interval end, but no further than 1.5 times the highest
     * estimate (and 100% for a rate), so one neighborhood with a huge margin (a handful of people
     * sampled) does not squash every other interval; its bar is cut at the edge. The axis starts at
     * 0: no estimate here is negative.
     */
    static double axisEnd(Metric metric, List<Point> points) {
        double highestValue = 0;
        double highestEnd = 0;
        for (Point point : points) {
            highestValue = Math.max(highestValue, point.value());
            highestEnd = Math.max(highestEnd, point.value() + (point.moe() == null ? 0 : point.moe()));
        }
        double end = Math.min(highestEnd, 1.5 * highestValue);
        if (metric.kind() == Metric.Kind.RATE) {
            end = Math.min(end, 1.0);
        }
        return end > 0 ? end * 1.03 : 1;
    }

    private static String label(String series) {
        return series.equals(UNKNOWN_SERIES) ? series : series + " reliability";
    }

    private static NumberFormat format(Metric.Kind kind) {
        return switch (kind) {
            case RATE -> NumberFormat.getPercentInstance(Locale.US);
            case DOLLARS -> new DecimalFormat("$#,##0");
            case COUNT -> NumberFormat.getIntegerInstance(Locale.US);
        };
    }
}
