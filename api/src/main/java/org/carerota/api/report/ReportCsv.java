package org.carerota.api.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * CSV (RFC 4180, CRLF, UTF-8) of the reports. Suppressed cells are {@code [c]} (the GSS
 * convention for "confidential"); figures with nothing to measure are empty.
 */
final class ReportCsv {

    private ReportCsv() {}

    private record Column(String name, Function<CapacityGroup, @Nullable Object> value) {}

    private static final List<Column> CAPACITY = List.of(
            new Column("area_id", g -> g.area() == null ? null : g.area().id()),
            new Column("area", g -> g.area() == null ? null : g.area().name()),
            new Column("week", CapacityGroup::week),
            new Column("day", CapacityGroup::day),
            new Column("sector", CapacityGroup::sector),
            new Column(
                    "commissioner",
                    g -> g.commissioner() == null ? null : g.commissioner().name()),
            new Column("pool", g -> g.pool() == null ? null : g.pool().name()),
            new Column("commissioned_hours", CapacityGroup::commissionedHours),
            new Column("commissioned_people", CapacityGroup::commissionedPeople),
            new Column("planned_hours", CapacityGroup::plannedHours),
            new Column("planned_visits", CapacityGroup::plannedVisits),
            new Column("unassigned_hours", CapacityGroup::unassignedHours),
            new Column("unassigned_slots", CapacityGroup::unassignedSlots),
            new Column("unassigned_people", CapacityGroup::unassignedPeople),
            new Column("leading_reasons", g -> reasons(g.leadingReasons())),
            new Column("delivered_hours", CapacityGroup::deliveredHours),
            new Column("delivered_people", CapacityGroup::deliveredPeople),
            new Column("not_delivered_hours", CapacityGroup::notDeliveredHours),
            new Column("not_delivered_people", CapacityGroup::notDeliveredPeople),
            new Column("due_visits", CapacityGroup::dueVisits),
            new Column("late_visits", CapacityGroup::lateVisits),
            new Column("missed_visits", CapacityGroup::missedVisits),
            new Column("short_visits", CapacityGroup::shortVisits),
            new Column("carers_rostered", CapacityGroup::carersRostered),
            new Column("workforce_carers", CapacityGroup::workforceCarers),
            new Column("shift_hours", CapacityGroup::shiftHours),
            new Column("absence_hours", CapacityGroup::absenceHours),
            new Column("available_hours", CapacityGroup::availableHours),
            new Column("used_hours", CapacityGroup::usedHours),
            new Column("utilisation", CapacityGroup::utilisation),
            new Column("travel_hours", CapacityGroup::travelHours),
            new Column("travel_share", CapacityGroup::travelShare),
            new Column("absence_rate", CapacityGroup::absenceRate),
            new Column("continuity", CapacityGroup::continuity),
            new Column("continuity_people", CapacityGroup::continuityPeople),
            new Column("health_on_social_care_hours", CapacityGroup::healthOnSocialCareHours),
            new Column("social_care_on_health_hours", CapacityGroup::socialCareOnHealthHours),
            new Column("cross_pool_hours", CapacityGroup::crossPoolHours));

    static String capacity(CapacityReport report) {
        StringBuilder csv = new StringBuilder();
        line(csv, CAPACITY.stream().map(Column::name).toList());
        for (CapacityGroup group : report.groups()) {
            line(csv, CAPACITY.stream().map(c -> cell(c.value().apply(group))).toList());
        }
        return csv.toString();
    }

    static String capacityTracker(CapacityTrackerReturn ret) {
        StringBuilder csv = new StringBuilder();
        line(csv, List.of("area", "month", "code", "question", "unit", "value", "source"));
        for (ReturnItem item : ret.items()) {
            line(
                    csv,
                    List.of(
                            ret.area().name(),
                            ret.month(),
                            item.code(),
                            item.question(),
                            item.unit(),
                            item.value().csv(),
                            item.source()));
        }
        return csv.toString();
    }

    static String unmetNeed(UnmetNeedSummary summary) {
        StringBuilder csv = new StringBuilder();
        line(
                csv,
                List.of(
                        "area_id",
                        "area",
                        "people_with_unmet_need",
                        "unmet_hours",
                        "unmet_slots",
                        "hours_not_delivered",
                        "people_not_delivered",
                        "commissioned_hours",
                        "unmet_share",
                        "missed_visits",
                        "late_visits",
                        "leading_reasons"));
        List<UnmetNeedRow> rows = new ArrayList<>(summary.areas());
        rows.add(summary.total());
        for (UnmetNeedRow row : rows) {
            line(
                    csv,
                    List.of(
                            row.area().id().toString(),
                            row.area().name(),
                            row.peopleWithUnmetNeed().csv(),
                            row.unmetHours().csv(),
                            row.unmetSlots().csv(),
                            row.hoursNotDelivered().csv(),
                            row.peopleNotDelivered().csv(),
                            row.commissionedHours().csv(),
                            row.unmetShare().csv(),
                            row.missedVisits().csv(),
                            row.lateVisits().csv(),
                            reasons(row.leadingReasons())));
        }
        return csv.toString();
    }

    private static String reasons(List<ReasonCount> reasons) {
        return reasons.stream()
                .map(r -> r.reason() + " (" + r.slots().csv() + ")")
                .collect(Collectors.joining("; "));
    }

    private static String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Count count) {
            return count.csv();
        }
        if (value instanceof Amount amount) {
            return amount.csv();
        }
        return value.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(ReportCsv::quote).collect(Collectors.joining(",")))
                .append("\r\n");
    }

    /** Quotes a cell when it needs it; a leading formula character is neutralised (CSV injection). */
    static String quote(String cell) {
        String text = cell;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
