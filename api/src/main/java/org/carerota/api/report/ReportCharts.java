package org.carerota.api.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SVG charts of the reports: grouped bar charts with a title, a description and a legend, built
 * from disclosure-controlled figures (a suppressed value is drawn as an empty, dashed bar marked
 * [c]). Every element a test may look for has an id: {@code chart}, {@code chart-title},
 * {@code legend}, and one {@code bar-<series>-<category>} per bar with a {@code data-value}.
 */
final class ReportCharts {

    private static final String[] COLOURS = {"#1d70b8", "#f47738", "#00703c", "#912b88", "#d4351c", "#505a5f"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 380;
    private static final int LEFT = 60;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private ReportCharts() {}

    /** A bar value: its height, or suppressed. */
    record Bar(double value, boolean suppressed) {
        static Bar of(Amount amount) {
            return new Bar(amount.plotted(), amount.suppressed());
        }
    }

    /** Unmet (unassigned) hours by week, one series per area (report grouped by AREA and WEEK). */
    static String unmetHoursByWeekAndArea(CapacityReport report) {
        Map<String, Map<String, Bar>> series = new LinkedHashMap<>();
        Set<String> weeks = new LinkedHashSet<>();
        report.groups().stream()
                .sorted((a, b) -> String.valueOf(a.week()).compareTo(String.valueOf(b.week())))
                .forEach(g -> {
                    String week = label(g.week());
                    weeks.add(week);
                    String area =
                            g.area() == null ? report.area().name() : g.area().name();
                    series.computeIfAbsent(area, k -> new LinkedHashMap<>()).put(week, Bar.of(g.unassignedHours()));
                });
        return bars(
                "Unmet need: hours that could not be rostered, by week and area — "
                        + report.area().name(),
                "Carer hours of unassigned visit slots in the published rotas, " + report.from() + " to " + report.to()
                        + ".",
                new ArrayList<>(weeks),
                series,
                "hours");
    }

    /** Commissioned, planned and delivered hours by week (report grouped by WEEK). */
    static String deliveredAgainstCommissioned(CapacityReport report) {
        Map<String, Map<String, Bar>> series = new LinkedHashMap<>();
        List<String> weeks = new ArrayList<>();
        report.groups().stream()
                .sorted((a, b) -> String.valueOf(a.week()).compareTo(String.valueOf(b.week())))
                .forEach(g -> {
                    String week = label(g.week());
                    weeks.add(week);
                    series.computeIfAbsent("Commissioned", k -> new LinkedHashMap<>())
                            .put(week, Bar.of(g.commissionedHours()));
                    series.computeIfAbsent("Planned", k -> new LinkedHashMap<>())
                            .put(week, Bar.of(g.plannedHours()));
                    series.computeIfAbsent("Delivered", k -> new LinkedHashMap<>())
                            .put(week, Bar.of(g.deliveredHours()));
                });
        return bars(
                "Delivered against commissioned hours, by week — "
                        + report.area().name(),
                "Carer hours commissioned (care packages), planned (published rotas) and delivered (check-in to"
                        + " check-out), " + report.from() + " to " + report.to() + ".",
                weeks,
                series,
                "hours");
    }

    /** Cross-pool flows: carer hours of each pool on the other sector's care (report with no grouping). */
    static String crossPoolFlows(CapacityReport report) {
        Map<String, Map<String, Bar>> series = new LinkedHashMap<>();
        List<String> pools = new ArrayList<>();
        for (CapacityGroup g : report.groups()) {
            for (CrossPoolFlow flow : g.crossPoolFlows()) {
                String pool = flow.pool().name();
                if (!pools.contains(pool)) {
                    pools.add(pool);
                }
                String direction = sector(flow.fromSector()) + " staff on " + sector(flow.toSector()) + " care";
                series.computeIfAbsent(direction, k -> new LinkedHashMap<>()).put(pool, Bar.of(flow.hours()));
            }
        }
        return bars(
                "Cross-pool flows: staff covering the other sector's care — "
                        + report.area().name(),
                "Planned carer hours of health staff on social care visits and the reverse, by staff pool, "
                        + report.from() + " to " + report.to() + ".",
                pools,
                series,
                "hours");
    }

    private static String sector(String sector) {
        return "HEALTH".equals(sector) ? "health" : "social care";
    }

    private static String label(@org.jspecify.annotations.Nullable LocalDate week) {
        return week == null ? "all" : "w/c " + week;
    }

    static String bars(
            String title,
            String description,
            List<String> categories,
            Map<String, Map<String, Bar>> series,
            String unit) {
        double max = series.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToDouble(Bar::value)
                .max()
                .orElse(0);
        double top = niceCeiling(max);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart\" role=\"img\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" aria-labelledby=\"chart-title chart-desc\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<title id=\"chart-title\">").append(escape(title)).append("</title>\n");
        svg.append("<desc id=\"chart-desc\">")
                .append(escape(description))
                .append(" [c] = suppressed (small numbers).</desc>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"")
                .append(LEFT)
                .append("\" y=\"22\" font-size=\"14\" font-weight=\"bold\">")
                .append(escape(title))
                .append("</text>\n");
        // axis and grid
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            svg.append("<line x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(LEFT + plotWidth)
                    .append("\" y1=\"")
                    .append(fmt(y))
                    .append("\" y2=\"")
                    .append(fmt(y))
                    .append("\" stroke=\"#dddddd\"/>\n");
            svg.append("<text x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(fmt(value))
                    .append("</text>\n");
        }
        svg.append("<text x=\"14\" y=\"")
                .append(TOP + plotHeight / 2)
                .append("\" transform=\"rotate(-90 14 ")
                .append(TOP + plotHeight / 2)
                .append(")\" text-anchor=\"middle\">")
                .append(escape(unit))
                .append("</text>\n");
        if (categories.isEmpty() || series.isEmpty()) {
            svg.append("<text id=\"no-data\" x=\"")
                    .append(LEFT + plotWidth / 2)
                    .append("\" y=\"")
                    .append(TOP + plotHeight / 2)
                    .append("\" text-anchor=\"middle\">No data for this period</text>\n");
        } else {
            double band = (double) plotWidth / categories.size();
            double barWidth = Math.max(2, (band * 0.8) / series.size());
            int s = 0;
            for (Map.Entry<String, Map<String, Bar>> entry : series.entrySet()) {
                String colour = COLOURS[s % COLOURS.length];
                for (int c = 0; c < categories.size(); c++) {
                    Bar bar = entry.getValue().get(categories.get(c));
                    if (bar == null) {
                        continue;
                    }
                    double x = LEFT + band * c + band * 0.1 + barWidth * s;
                    double h = top == 0 ? 0 : plotHeight * bar.value() / top;
                    String id = "bar-" + s + "-" + c;
                    if (bar.suppressed()) {
                        svg.append("<g id=\"")
                                .append(id)
                                .append("\" data-value=\"[c]\" data-series=\"")
                                .append(escape(entry.getKey()))
                                .append("\" data-category=\"")
                                .append(escape(categories.get(c)))
                                .append("\"><rect x=\"")
                                .append(fmt(x))
                                .append("\" y=\"")
                                .append(TOP + plotHeight - 14)
                                .append("\" width=\"")
                                .append(fmt(barWidth))
                                .append("\" height=\"14\" fill=\"none\" stroke=\"")
                                .append(colour)
                                .append("\" stroke-dasharray=\"3 2\"/><text x=\"")
                                .append(fmt(x + barWidth / 2))
                                .append("\" y=\"")
                                .append(TOP + plotHeight - 18)
                                .append("\" text-anchor=\"middle\" font-size=\"10\">[c]</text></g>\n");
                    } else {
                        svg.append("<rect id=\"")
                                .append(id)
                                .append("\" data-value=\"")
                                .append(fmt(bar.value()))
                                .append("\" data-series=\"")
                                .append(escape(entry.getKey()))
                                .append("\" data-category=\"")
                                .append(escape(categories.get(c)))
                                .append("\" x=\"")
                                .append(fmt(x))
                                .append("\" y=\"")
                                .append(fmt(TOP + plotHeight - h))
                                .append("\" width=\"")
                                .append(fmt(barWidth))
                                .append("\" height=\"")
                                .append(fmt(h))
                                .append("\" fill=\"")
                                .append(colour)
                                .append("\"><title>")
                                .append(escape(entry.getKey()))
                                .append(", ")
                                .append(escape(categories.get(c)))
                                .append(": ")
                                .append(fmt(bar.value()))
                                .append(' ')
                                .append(escape(unit))
                                .append("</title></rect>\n");
                    }
                }
                s++;
            }
            for (int c = 0; c < categories.size(); c++) {
                svg.append("<text x=\"")
                        .append(fmt(LEFT + band * c + band / 2))
                        .append("\" y=\"")
                        .append(TOP + plotHeight + 18)
                        .append("\" text-anchor=\"middle\" font-size=\"11\">")
                        .append(escape(categories.get(c)))
                        .append("</text>\n");
            }
        }
        svg.append("<g id=\"legend\">\n");
        int s = 0;
        for (String name : series.keySet()) {
            int y = TOP + 10 + s * 20;
            svg.append("<rect x=\"")
                    .append(WIDTH - RIGHT + 12)
                    .append("\" y=\"")
                    .append(y - 10)
                    .append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(COLOURS[s % COLOURS.length])
                    .append("\"/><text x=\"")
                    .append(WIDTH - RIGHT + 30)
                    .append("\" y=\"")
                    .append(y)
                    .append("\">")
                    .append(escape(name))
                    .append("</text>\n");
            s++;
        }
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    private static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String fmt(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
