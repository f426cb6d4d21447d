package dev.bufpool.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Bar charts of the report's tables, drawn with XChart into PNG files, headless. */
final class Charts {

    private final Path directory;

    Charts(Path directory) {
        this.directory = directory;
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Draws one bar per subject and column, the height the figure's log10 (the figures span five orders;
     * XChart's own log axis refuses some series).
     *
     * @param file the PNG's name in the charts directory
     * @param title the chart's title
     * @param columns the series: one per column of the table (sizes, thread counts)
     * @param bySubject each subject's figures, one per column; {@code NaN} where not measured
     */
    void bars(String file, String title, List<String> columns, Map<String, double[]> bySubject) throws IOException {
        if (bySubject.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(640).title(title).yAxisTitle("log10 of ns/op (1 = 10 ns, 3 = 1 µs, 6 = 1 ms)").build();
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisDecimalPattern("0.#");
        // A missing bar could not be told from a small one: subjects not measured in every column stay in the table only.
        List<String> subjects = new ArrayList<>();
        bySubject.forEach((subject, figures) -> {
            if (java.util.Arrays.stream(figures).allMatch(v -> v > 0)) {
                subjects.add(subject);
            }
        });
        if (subjects.isEmpty()) {
            return;
        }
        for (int c = 0; c < columns.size(); c++) {
            List<Double> values = new ArrayList<>();
            for (String subject : subjects) {
                double value = bySubject.get(subject)[c];
                values.add(Math.log10(value));
            }
            chart.addSeries(columns.get(c), subjects, values);
        }
        Files.createDirectories(directory);
        BitmapEncoder.saveBitmap(chart, directory.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
