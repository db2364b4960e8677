package org.carerota.api.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The returns commissioners are asked for, derived from capacity report figures that have already
 * been through disclosure control (so a derived figure never reveals a suppressed one). The
 * mapping of each item is documented in api/README.md, "Reports".
 */
final class ReportReturns {

    private ReportReturns() {}

    /** The Capacity Tracker-style monthly return, from the month's report with no grouping. */
    static CapacityTrackerReturn capacityTracker(CapacityReport report, YearMonth month) {
        @Nullable
        CapacityGroup g = report.groups().isEmpty() ? null : report.groups().get(0);
        List<ReturnItem> items = g == null
                ? List.of()
                : List.of(
                        item(
                                "CT01",
                                "People receiving home care in the month",
                                "PEOPLE",
                                of(g.deliveredPeople()),
                                "deliveredPeople"),
                        item(
                                "CT02",
                                "Hours of home care commissioned",
                                "HOURS",
                                g.commissionedHours(),
                                "commissionedHours"),
                        item(
                                "CT03",
                                "Hours of home care planned (published rotas)",
                                "HOURS",
                                g.plannedHours(),
                                "plannedHours"),
                        item("CT04", "Hours of home care delivered", "HOURS", g.deliveredHours(), "deliveredHours"),
                        item(
                                "CT05",
                                "Hours that could not be rostered (unmet need)",
                                "HOURS",
                                g.unassignedHours(),
                                "unassignedHours"),
                        item(
                                "CT06",
                                "Planned hours not delivered",
                                "HOURS",
                                g.notDeliveredHours(),
                                "notDeliveredHours"),
                        item(
                                "CT07",
                                "People with care that could not be rostered",
                                "PEOPLE",
                                of(g.unassignedPeople()),
                                "unassignedPeople"),
                        item("CT08", "Care workers deployed", "CARERS", of(g.carersRostered()), "carersRostered"),
                        item("CT09", "Care worker absence rate", "RATE", g.absenceRate(), "absenceRate"),
                        item(
                                "CT10",
                                "Spare capacity: carer hours available but not used",
                                "HOURS",
                                difference(g.availableHours(), g.usedHours()),
                                "availableHours - usedHours"),
                        item("CT11", "Utilisation of available carer hours", "RATE", g.utilisation(), "utilisation"),
                        item("CT12", "Missed visits", "VISITS", of(g.missedVisits()), "missedVisits"),
                        item(
                                "CT13",
                                "Visits late beyond the contract's tolerance",
                                "VISITS",
                                of(g.lateVisits()),
                                "lateVisits"),
                        item(
                                "CT14",
                                "Hours of health staff on social care and the reverse",
                                "HOURS",
                                g.crossPoolHours(),
                                "crossPoolHours"));
        return new CapacityTrackerReturn(
                report.area(), month.toString(), report.from(), report.to(), report.disclosureControlled(), items);
    }

    /** The ADASS-style unmet-need summary, from the report by area and the report with no grouping. */
    static UnmetNeedSummary unmetNeed(CapacityReport byArea, CapacityReport total) {
        List<UnmetNeedRow> areas = byArea.groups().stream()
                .map(g -> row(g.area() == null ? byArea.area() : g.area(), g))
                .toList();
        UnmetNeedRow sum = total.groups().isEmpty()
                ? empty(total.area())
                : row(total.area(), total.groups().get(0));
        return new UnmetNeedSummary(
                byArea.area(), byArea.from(), byArea.to(), byArea.disclosureControlled(), areas, sum);
    }

    private static UnmetNeedRow row(ReportArea area, CapacityGroup g) {
        Amount unmet = sum(g.unassignedHours(), g.notDeliveredHours());
        return new UnmetNeedRow(
                area,
                g.unassignedPeople(),
                g.unassignedHours(),
                g.unassignedSlots(),
                g.notDeliveredHours(),
                g.notDeliveredPeople(),
                g.commissionedHours(),
                ratio(unmet, g.commissionedHours()),
                g.missedVisits(),
                g.lateVisits(),
                g.leadingReasons());
    }

    private static UnmetNeedRow empty(ReportArea area) {
        Count zero = new Count(0L, false);
        Amount none = new Amount(0.0, false);
        return new UnmetNeedRow(area, zero, none, zero, none, zero, none, Amount.NONE, zero, zero, List.of());
    }

    private static ReturnItem item(String code, String question, String unit, Amount value, String source) {
        return new ReturnItem(code, question, unit, value, source);
    }

    private static Amount of(Count count) {
        return count.suppressed() || count.value() == null
                ? Amount.SUPPRESSED
                : new Amount(count.value().doubleValue(), false);
    }

    private static Amount difference(Amount a, Amount b) {
        if (a.suppressed() || b.suppressed()) {
            return Amount.SUPPRESSED;
        }
        return new Amount(round(a.plotted() - b.plotted()), false);
    }

    private static Amount sum(Amount a, Amount b) {
        if (a.suppressed() || b.suppressed()) {
            return Amount.SUPPRESSED;
        }
        return new Amount(round(a.plotted() + b.plotted()), false);
    }

    private static Amount ratio(Amount numerator, Amount denominator) {
        if (numerator.suppressed() || denominator.suppressed()) {
            return Amount.SUPPRESSED;
        }
        if (denominator.plotted() == 0) {
            return Amount.NONE;
        }
        return new Amount(
                BigDecimal.valueOf(numerator.plotted() / denominator.plotted())
                        .setScale(4, RoundingMode.HALF_UP)
                        .doubleValue(),
                false);
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
