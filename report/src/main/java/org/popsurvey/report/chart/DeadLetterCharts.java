package org.popsurvey.report.chart;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/** The data-quality charts: dead letters per code, and dead letters over time (cumulative). */
public final class DeadLetterCharts {

    public static final int WIDTH = 900;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private DeadLetterCharts() {}

    public static int perCodeHeight(int codes) {
        return 120 + 28 * Math.max(codes, 1);
    }

    public static JFreeChart perCode(Map<String, Long> counts) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        counts.forEach((code, count) -> dataset.addValue(count, "dead letters", code));
        JFreeChart chart = ChartFactory.createBarChart(
                "Dead letters per code", null, "records", dataset, PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ChartStyle.LOW);
        renderer.setMaximumBarWidth(0.6);
        plot.getDomainAxis().setTickLabelFont(ChartStyle.LABEL);
        plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        ChartStyle.apply(chart, plot);
        return chart;
    }

    /** The running count of dead letters by the time each was dead-lettered. */
    public static JFreeChart overTime(List<Instant> times) {
        TimeSeries series = new TimeSeries("dead letters so far");
        List<Instant> sorted = times.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            series.addOrUpdate(new Millisecond(Date.from(sorted.get(i)), UTC, Locale.US), i + 1);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(
                "Dead letters over time (cumulative)",
                "time (UTC)",
                "records",
                new TimeSeriesCollection(series),
                false,
                false,
                false);
        XYPlot plot = chart.getXYPlot();
        ((DateAxis) plot.getDomainAxis()).setTimeZone(UTC);
        XYStepRenderer renderer = new XYStepRenderer();
        renderer.setSeriesPaint(0, ChartStyle.LOW);
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        ChartStyle.apply(chart, plot);
        return chart;
    }
}
