package org.carerota.planner.testdata;

import static org.carerota.planner.testdata.Places.at;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Gender;
import org.carerota.planner.domain.Priority;
import org.carerota.planner.domain.ServiceUser;
import org.carerota.planner.domain.Visit;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.solver.CareConstraintWeights;
import org.carerota.planner.solver.ScheduleCalculator;

/** Small whole rotas for solver tests. */
public final class Rotas {

    private Rotas() {}

    /**
     * Two days, three carers, eleven visits (two double-ups, one 0/0 dependency pair, one visit with a 60-120 minute
     * gap, one time-critical), nothing assigned yet.
     */
    public static CareRota small() {
        Carer amal =
                Carers.named("amal").gender(Gender.F).skills("hoist", "meds").build();
        Carer bea = Carers.named("bea")
                .gender(Gender.F)
                .skills("hoist")
                .home(Places.OTHER_HOME)
                .build();
        Carer cal = Carers.named("cal")
                .gender(Gender.M)
                .skills("meds")
                .contractedMinutesPerWeek(300)
                .build();
        List<Carer> carers = List.of(amal, bea, cal);
        List<CarerShift> shifts = new ArrayList<>();
        for (int day = 0; day < 2; day++) {
            for (Carer carer : carers) {
                shifts.add(Shifts.on(carer, day).from(7, 0).until(14, 0).build());
            }
        }
        shifts.add(Shifts.unassigned());
        ServiceUser sam = Visits.person("sam")
                .at(Places.ELM_STREET)
                .prefersGender(Gender.F)
                .build();
        ServiceUser olu =
                Visits.person("olu").at(Places.OAK_ROAD).regularly("cal").build();
        ServiceUser ash = Visits.person("ash").at(Places.ASH_LANE).bans("cal").build();
        List<VisitSlot> slots = new ArrayList<>();
        for (int day = 0; day < 2; day++) {
            slots.addAll(Visits.visit()
                    .id("sam-am-" + day)
                    .forServiceUser(sam)
                    .carers(2)
                    .skills("hoist")
                    .between(at(day, 8, 0), at(day, 9, 0))
                    .slots());
            slots.add(Visits.visit()
                    .id("olu-meds-" + day)
                    .forServiceUser(olu)
                    .skills("meds")
                    .priority(Priority.TIME_CRITICAL)
                    .between(at(day, 8, 0), at(day, 8, 30))
                    .lasting(15)
                    .slot());
            slots.add(Visits.visit()
                    .id("ash-am-" + day)
                    .forServiceUser(ash)
                    .between(at(day, 9, 0), at(day, 10, 30))
                    .lasting(45)
                    .slot());
            slots.add(Visits.visit()
                    .id("olu-lunch-" + day)
                    .forServiceUser(olu)
                    .between(at(day, 12, 0), at(day, 13, 0))
                    .slot());
        }
        List<VisitSlot> first = Visits.visit()
                .id("sam-lunch")
                .forServiceUser(sam)
                .between(at(0, 11, 0), at(0, 12, 0))
                .slots();
        List<VisitSlot> together = Visits.visit()
                .id("sam-lunch-helper")
                .forServiceUser(sam)
                .between(at(0, 11, 0), at(0, 12, 0))
                .slots();
        Visits.dependOn(together, first, 0, 0);
        List<VisitSlot> later = Visits.visit()
                .id("ash-meds")
                .forServiceUser(ash)
                .skills("meds")
                .between(at(0, 10, 0), at(0, 13, 0))
                .lasting(15)
                .slots();
        List<VisitSlot> ashMorning = slots.stream()
                .filter(slot -> slot.getVisitId().equals("ash-am-0"))
                .toList();
        Visits.dependOn(later, ashMorning, 60, 120);
        slots.addAll(first);
        slots.addAll(together);
        slots.addAll(later);
        return rota(carers, shifts, slots);
    }

    /** A rota of the given shifts (the last one virtual) and slots, every shadow variable computed. */
    public static CareRota rota(List<Carer> carers, List<CarerShift> shifts, List<VisitSlot> slots) {
        Set<ServiceUser> serviceUsers = new LinkedHashSet<>();
        Set<Visit> visits = new LinkedHashSet<>();
        for (VisitSlot slot : slots) {
            visits.add(slot.getVisit());
            serviceUsers.add(slot.getVisit().getServiceUser());
        }
        CareRota rota = new CareRota(
                "small",
                Places.MONDAY,
                2,
                1,
                Places.TRAVEL,
                Places.ALL,
                carers,
                new ArrayList<>(serviceUsers),
                new ArrayList<>(visits),
                List.of(),
                shifts,
                slots,
                new CareConstraintWeights());
        ScheduleCalculator.updateAll(shifts, slots, ScheduleCalculator.DIRECT);
        return rota;
    }
}
