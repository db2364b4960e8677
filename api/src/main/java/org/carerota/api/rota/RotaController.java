package org.carerota.api.rota;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.carerota.api.carer.Carer;
import org.carerota.api.carer.CarerService;
import org.carerota.api.organisation.Area;
import org.carerota.api.organisation.OrganisationService;
import org.carerota.api.rota.RotaInputs.AddUrgentVisitInput;
import org.carerota.api.rota.RotaInputs.AssignVisitInput;
import org.carerota.api.rota.RotaInputs.CancelVisitInput;
import org.carerota.api.rota.RotaInputs.GenerateRotaInput;
import org.carerota.api.rota.RotaInputs.LockCarerDayInput;
import org.carerota.api.rota.RotaInputs.PinAssignmentInput;
import org.carerota.api.rota.RotaInputs.PublishRotaInput;
import org.carerota.api.rota.RotaInputs.ReportAbsenceInput;
import org.carerota.api.rota.RotaInputs.ReportOverrunInput;
import org.carerota.api.rota.RotaInputs.StopSolverJobInput;
import org.carerota.api.rota.RotaInputs.UnpinAssignmentInput;
import org.carerota.api.rota.RotaResults.SameDayReplan;
import org.carerota.api.rota.RotaService.CarerDay;
import org.carerota.api.security.Authorities;
import org.carerota.api.shared.graphql.Batches;
import org.carerota.api.visit.Visit;
import org.carerota.api.visit.VisitService;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** GraphQL: solver jobs, plans, publishing, adjustments and same-day changes. Maps only. */
@Controller
class RotaController {

    private final RotaService rota;
    private final AdjustmentService adjustments;
    private final SameDayService sameDay;
    private final OrganisationService organisations;
    private final CarerService carers;
    private final VisitService visits;

    /** A plan's routes, optionally of one day: the key of the planRoutes loader. */
    record PlanDay(UUID planId, @Nullable LocalDate date) {}

    RotaController(
            RotaService rota,
            AdjustmentService adjustments,
            SameDayService sameDay,
            OrganisationService organisations,
            CarerService carers,
            VisitService visits,
            BatchLoaderRegistry loaders) {
        this.rota = rota;
        this.adjustments = adjustments;
        this.sameDay = sameDay;
        this.organisations = organisations;
        this.carers = carers;
        this.visits = visits;
        loaders.<PlanDay, List<Route>>forName("planRoutes").registerMappedBatchLoader((keys, env) -> planRoutes(keys));
        loaders.<CarerDay, List<Assignment>>forName("carerAssignments")
                .registerMappedBatchLoader((keys, env) -> rota.assignments(keys));
    }

    private Mono<Map<PlanDay, List<Route>>> planRoutes(Set<PlanDay> keys) {
        Map<@Nullable LocalDate, List<PlanDay>> byDate = new HashMap<>();
        keys.forEach(key ->
                byDate.computeIfAbsent(key.date(), d -> new ArrayList<>()).add(key));
        return Flux.fromIterable(byDate.entrySet())
                .concatMap(entry -> rota.routes(
                                entry.getValue().stream().map(PlanDay::planId).toList(), entry.getKey())
                        .map(routes -> entry.getValue().stream()
                                .collect(Collectors.toMap(
                                        key -> key, key -> routes.getOrDefault(key.planId(), List.of())))))
                .collect(HashMap::new, Map::putAll);
    }

    // ---- queries ----------------------------------------------------------------------------

    @QueryMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<SolverJob> solverJob(@Argument UUID id) {
        return rota.solverJob(id);
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<Plan> plan(@Argument UUID id) {
        return rota.plan(id);
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF)
    Flux<Plan> plans(@Argument UUID area, @Argument LocalDate from, @Argument LocalDate to) {
        return rota.plans(area, from, to);
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaDay> rota(@Argument UUID area, @Argument LocalDate date) {
        return rota.rota(area, date);
    }

    @QueryMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<PlanComparison> comparePlans(@Argument UUID a, @Argument UUID b) {
        return rota.comparePlans(a, b);
    }

    // ---- mutations --------------------------------------------------------------------------

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.GenerateRotaResult> generateRota(@Argument GenerateRotaInput input) {
        return rota.generateRota(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.StopSolverJobResult> stopSolverJob(@Argument StopSolverJobInput input) {
        return rota.stopSolverJob(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.PublishRotaResult> publishRota(@Argument PublishRotaInput input) {
        return rota.publishRota(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.PinAssignmentResult> pinAssignment(@Argument PinAssignmentInput input) {
        return rota.setPinned(input, true).cast(RotaResults.PinAssignmentResult.class);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.UnpinAssignmentResult> unpinAssignment(@Argument UnpinAssignmentInput input) {
        return rota.setPinned(new PinAssignmentInput(input.assignmentId(), input.expectedVersion()), false)
                .cast(RotaResults.UnpinAssignmentResult.class);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.AssignVisitResult> assignVisit(@Argument AssignVisitInput input) {
        return adjustments.assignVisit(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.LockCarerDayResult> lockCarerDay(@Argument LockCarerDayInput input) {
        return adjustments.lockCarerDay(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.ReportAbsenceResult> reportAbsence(@Argument ReportAbsenceInput input) {
        return sameDay.reportAbsence(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.AddUrgentVisitResult> addUrgentVisit(@Argument AddUrgentVisitInput input) {
        return sameDay.addUrgentVisit(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.CancelVisitResult> cancelVisit(@Argument CancelVisitInput input) {
        return sameDay.cancelVisit(input);
    }

    @MutationMapping
    @PreAuthorize(Authorities.STAFF)
    Mono<RotaResults.ReportOverrunResult> reportOverrun(@Argument ReportOverrunInput input) {
        return sameDay.reportOverrun(input);
    }

    // ---- subscription -----------------------------------------------------------------------

    @SubscriptionMapping
    @PreAuthorize(Authorities.STAFF)
    Flux<SolverProgress> solverProgress(@Argument UUID jobId) {
        return rota.solverProgress(jobId);
    }

    // ---- nested fields (batched: no N+1) ----------------------------------------------------

    @BatchMapping(typeName = "SolverJob", field = "area")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<SolverJob, Area>> jobArea(List<SolverJob> jobs) {
        return organisations
                .areasById(jobs.stream().map(SolverJob::areaId).toList())
                .map(byId -> Batches.each(jobs, job -> byId.get(job.areaId())));
    }

    @BatchMapping(typeName = "SolverJob", field = "plan")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<SolverJob, Plan>> jobPlan(List<SolverJob> jobs) {
        List<UUID> ids =
                jobs.stream().map(SolverJob::planId).filter(id -> id != null).toList();
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return rota.plansById(ids)
                .map(byId -> Batches.each(jobs, job -> job.planId() == null ? null : byId.get(job.planId())));
    }

    @BatchMapping(typeName = "Plan", field = "area")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<Plan, Area>> planArea(List<Plan> plans) {
        return organisations
                .areasById(plans.stream().map(Plan::areaId).toList())
                .map(byId -> Batches.each(plans, plan -> byId.get(plan.areaId())));
    }

    @SchemaMapping(typeName = "Plan", field = "routes")
    @PreAuthorize(Authorities.STAFF)
    Mono<List<Route>> routes(
            Plan plan, @Argument @Nullable LocalDate date, DataLoader<PlanDay, List<Route>> planRoutes) {
        return Mono.fromFuture(planRoutes.load(new PlanDay(plan.id(), date)));
    }

    @BatchMapping(typeName = "Plan", field = "unassigned")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<Plan, List<UnassignedVisit>>> unassigned(List<Plan> plans) {
        return rota.unassigned(plans.stream().map(Plan::id).toList())
                .map(byPlan -> Batches.each(plans, plan -> byPlan.getOrDefault(plan.id(), List.of())));
    }

    @BatchMapping(typeName = "RotaDay", field = "area")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<RotaDay, Area>> rotaDayArea(List<RotaDay> days) {
        return organisations
                .areasById(days.stream().map(RotaDay::areaId).toList())
                .map(byId -> Batches.each(days, day -> byId.get(day.areaId())));
    }

    @BatchMapping(typeName = "SameDayReplan", field = "area")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<SameDayReplan, Area>> replanArea(List<SameDayReplan> replans) {
        return organisations
                .areasById(replans.stream().map(SameDayReplan::areaId).toList())
                .map(byId -> Batches.each(replans, r -> byId.get(r.areaId())));
    }

    @BatchMapping(typeName = "Route", field = "carer")
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Map<Route, Carer>> routeCarer(List<Route> routes) {
        return carers.carersById(routes.stream().map(Route::carerId).distinct().toList())
                .map(byId -> Batches.each(routes, route -> byId.get(route.carerId())));
    }

    @BatchMapping(typeName = "Assignment", field = "carer")
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Map<Assignment, Carer>> assignmentCarer(List<Assignment> list) {
        return carers.carersById(
                        list.stream().map(Assignment::carerId).distinct().toList())
                .map(byId -> Batches.each(list, a -> byId.get(a.carerId())));
    }

    @BatchMapping(typeName = "Assignment", field = "visit")
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<Map<Assignment, Visit>> assignmentVisit(List<Assignment> list) {
        return visits.visitsById(list.stream().map(Assignment::visitId).collect(Collectors.toSet()))
                .map(byId -> Batches.each(list, a -> byId.get(a.visitId())));
    }

    @BatchMapping(typeName = "UnassignedVisit", field = "visit")
    @PreAuthorize(Authorities.STAFF)
    Mono<Map<UnassignedVisit, Visit>> unassignedVisit(List<UnassignedVisit> list) {
        return visits.visitsById(list.stream().map(UnassignedVisit::visitId).collect(Collectors.toSet()))
                .map(byId -> Batches.each(list, u -> byId.get(u.visitId())));
    }

    @SchemaMapping(typeName = "Carer", field = "assignments")
    @PreAuthorize(Authorities.STAFF_OR_CARER)
    Mono<List<Assignment>> carerAssignments(
            Carer carer,
            @Argument LocalDate date,
            @Argument @Nullable UUID plan,
            DataLoader<CarerDay, List<Assignment>> carerAssignments) {
        return Mono.fromFuture(carerAssignments.load(new CarerDay(carer.id(), date, plan)));
    }
}
