package org.carerota.api.rota;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.carerota.api.security.AuditLog;
import org.carerota.api.security.Caller;
import org.carerota.api.security.Callers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

import graphql.ExecutionResult;
import graphql.language.Argument;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * The coordinator's day view, built once and answered from memory: a GraphQL query whose only root
 * field is {@code rota(area, date)} is answered from a cached, already serialised result per
 * (document, variables, caller's organisation and role) while it is still valid:
 *
 * <ul>
 *   <li>the published plan of the organisation's area-day is the same plan at the same version
 *       (checked against the database at most every {@code revalidate-after}, so a publish or a
 *       change on another instance shows within that);
 *   <li>no GraphQL mutation has completed on this instance since it was built (every mutation
 *       empties it: same-day changes, reference data, adjustments, publishing);
 *   <li>it is younger than {@code max-age} (what changes without a mutation here — a carer's
 *       check-in, another instance's edit of a person's name — shows within that, plus the time of
 *       one build: the first request after max-age rebuilds while the others are still answered
 *       from the entry).
 * </ul>
 *
 * <p>One build and one plan check per view at a time: concurrent requests that find no valid entry
 * wait for the build that is running instead of each running the whole query.
 *
 * <p>Only simple documents are cached: one query operation, no fragments, aliases or directives,
 * no {@code accessNotes} (revealed per caller), and every {@code serviceUser} selection includes
 * {@code id} — so that the people in a cached answer are known and its reads are audited: a cache
 * hit writes the service-user read to the audit log once per caller and view every
 * {@code audit-interval}, instead of one audit commit per request. Anything else runs as usual.
 */
@Component
@Order(100)
class DayViewCache implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DayViewCache.class);

    private final RotaService rota;
    private final Callers callers;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final boolean enabled;
    private final Duration maxAge;
    private final Duration revalidateAfter;
    private final Duration auditInterval;
    private final int maxEntries;

    /** Bumped when a mutation completes on this instance: entries of an older epoch are rebuilt. */
    private final AtomicLong epoch = new AtomicLong();

    private final Map<String, Shape> shapes = new ConcurrentHashMap<>();
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Long> audited = new ConcurrentHashMap<>();
    private final Map<Key, Mono<String>> checking = new ConcurrentHashMap<>();
    private final Map<Key, Sinks.One<Entry>> building = new ConcurrentHashMap<>();

    DayViewCache(
            RotaService rota,
            Callers callers,
            AuditLog auditLog,
            JsonMapper json,
            @Value("${carerota.dayview.cache.enabled:true}") boolean enabled,
            @Value("${carerota.dayview.cache.max-age:10s}") Duration maxAge,
            @Value("${carerota.dayview.cache.revalidate-after:250ms}") Duration revalidateAfter,
            @Value("${carerota.dayview.cache.audit-interval:15m}") Duration auditInterval,
            @Value("${carerota.dayview.cache.max-entries:256}") int maxEntries) {
        this.rota = rota;
        this.callers = callers;
        this.auditLog = auditLog;
        this.json = json;
        this.enabled = enabled;
        this.maxAge = maxAge;
        this.revalidateAfter = revalidateAfter;
        this.auditInterval = auditInterval;
        this.maxEntries = maxEntries;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!enabled) {
            return chain.next(request);
        }
        Shape shape = shape(request.getDocument());
        if (shape.mutation()) {
            // before the answer leaves (the change is committed by then), and whatever the outcome
            return chain.next(request).doOnNext(response -> invalidate()).doFinally(signal -> invalidate());
        }
        if (shape.area() == null || shape.date() == null) {
            return chain.next(request);
        }
        UUID area;
        LocalDate date;
        try {
            area = UUID.fromString(String.valueOf(value(shape.area(), request.getVariables())));
            date = LocalDate.parse(String.valueOf(value(shape.date(), request.getVariables())));
        } catch (RuntimeException e) {
            return chain.next(request); // bad arguments: let GraphQL answer them
        }
        return callers.current().flatMap(caller -> {
            if (caller.organisationId() == null || caller.role().isEmpty()) {
                return chain.next(request);
            }
            Key key = new Key(
                    request.getDocument(),
                    String.valueOf(request.getVariables()),
                    String.valueOf(request.getOperationName()),
                    caller.organisationId(),
                    caller.role().get().name(),
                    caller.carerId());
            return answer(request, chain, caller, key, area, date);
        });
    }

    private Mono<WebGraphQlResponse> answer(
            WebGraphQlRequest request, Chain chain, Caller caller, Key key, UUID area, LocalDate date) {
        long currentEpoch = epoch.get();
        Entry entry = entries.get(key);
        if (entry != null
                && entry.epoch() == currentEpoch
                && System.nanoTime() - entry.checkedAt() < revalidateAfter.toNanos()) {
            return fromEntry(request, chain, caller, key, entry);
        }
        // one plan check per view at a time; concurrent requests share it
        Mono<String> check = checking.computeIfAbsent(key, k -> rota.publishedPlanVersion(area, date)
                .defaultIfEmpty("none")
                .doFinally(signal -> checking.remove(k))
                .cache());
        return check.flatMap(plan -> {
            Entry known = entries.get(key);
            if (known != null && known.epoch() == epoch.get() && known.plan().equals(plan)) {
                Entry checked = known.checked(System.nanoTime());
                entries.replace(key, known, checked);
                return fromEntry(request, chain, caller, key, checked);
            }
            return buildOrWait(request, chain, caller, key, plan);
        });
    }

    /**
     * A valid entry: answered from memory; once older than max-age, the next request rebuilds it
     * (one at a time) while the others are still answered from the entry.
     */
    private Mono<WebGraphQlResponse> fromEntry(
            WebGraphQlRequest request, Chain chain, Caller caller, Key key, Entry entry) {
        if (System.nanoTime() - entry.builtAt() < maxAge.toNanos() || building.containsKey(key)) {
            return hit(request, caller, key, entry);
        }
        return buildOrWait(request, chain, caller, key, entry.plan());
    }

    /** One build per view at a time: the first request runs the query, the others wait for its answer. */
    private Mono<WebGraphQlResponse> buildOrWait(
            WebGraphQlRequest request, Chain chain, Caller caller, Key key, String plan) {
        Sinks.One<Entry> sink = Sinks.one();
        Sinks.One<Entry> running = building.putIfAbsent(key, sink);
        if (running != null) {
            return running.asMono()
                    .flatMap(built -> hit(request, caller, key, built))
                    .switchIfEmpty(Mono.defer(() -> chain.next(request)));
        }
        long startEpoch = epoch.get();
        return build(request, chain, caller, key, plan, startEpoch)
                .doOnNext(built -> sink.tryEmitValue(built.entry()))
                .map(Built::response)
                .doFinally(signal -> {
                    sink.tryEmitEmpty();
                    building.remove(key, sink);
                });
    }

    /** A built answer, and its entry when it could be kept (null: errors, or something changed meanwhile). */
    private record Built(WebGraphQlResponse response, @Nullable Entry entry) {}

    /** Runs the query as usual and keeps its serialised answer when it succeeded. */
    private Mono<Built> build(
            WebGraphQlRequest request, Chain chain, Caller caller, Key key, String plan, long startEpoch) {
        long started = System.nanoTime();
        return chain.next(request).map(response -> {
            ExecutionResult result = response.getExecutionResult();
            if (!response.isValid() || !result.getErrors().isEmpty() || result.getData() == null) {
                return new Built(response, null);
            }
            Set<UUID> people = new LinkedHashSet<>();
            collectServiceUsers(result.getData(), people);
            Entry entry = new Entry(
                    utf8(json.writeValueAsString((Object) result.getData())),
                    List.copyOf(people),
                    plan,
                    startEpoch,
                    started,
                    started);
            if (epoch.get() != startEpoch) {
                return new Built(response, null);
            }
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, entry);
            // the resolvers have just audited these reads
            audited.put(auditKey(caller, key, plan), System.nanoTime());
            return new Built(response, entry);
        });
    }

    private Mono<WebGraphQlResponse> hit(WebGraphQlRequest request, Caller caller, Key key, Entry entry) {
        WebGraphQlResponse response = new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(
                request.toExecutionInput(),
                ExecutionResult.newExecutionResult().data(entry.data()).build()));
        if (entry.serviceUsers().isEmpty()) {
            return Mono.just(response);
        }
        String auditKey = auditKey(caller, key, entry.plan());
        long now = System.nanoTime();
        Long last = audited.get(auditKey);
        if (last != null && now - last < auditInterval.toNanos()) {
            return Mono.just(response);
        }
        if (audited.size() > 10_000) {
            audited.clear();
        }
        audited.put(auditKey, now);
        return auditLog.record(AuditLog.READ, "service_users", entry.serviceUsers())
                .doOnError(e -> audited.remove(auditKey))
                .thenReturn(response);
    }

    /** Raw JSON kept as UTF-8 bytes: a hit copies them, it does not encode 200 kB of characters again. */
    private static RawValue utf8(String json) {
        SerializedString raw = new SerializedString(json);
        raw.asUnquotedUTF8();
        return new RawValue(raw);
    }

    private static String auditKey(Caller caller, Key key, String plan) {
        return caller.user() + '|' + key.organisation() + '|' + key.hashCode() + '|' + plan;
    }

    /** Forgets every built view: something changed through this instance. */
    void invalidate() {
        epoch.incrementAndGet();
        entries.clear();
    }

    // ---- which documents -----------------------------------------------------------------------

    /**
     * What the interceptor needs to know of a document: a mutation, or a cacheable day view (its
     * area and date arguments), or neither.
     */
    record Shape(boolean mutation, graphql.language.@Nullable Value<?> area, graphql.language.@Nullable Value<?> date) {
        static final Shape OTHER = new Shape(false, null, null);
        static final Shape MUTATION = new Shape(true, null, null);
    }

    Shape shape(String document) {
        Shape known = shapes.get(document);
        if (known != null) {
            return known;
        }
        Shape shape;
        try {
            shape = classify(Parser.parse(document));
        } catch (RuntimeException e) {
            shape = Shape.OTHER; // GraphQL reports the syntax error
        }
        if (shapes.size() > 1_000) {
            shapes.clear();
        }
        shapes.put(document, shape);
        return shape;
    }

    static Shape classify(Document document) {
        List<Definition> definitions = document.getDefinitions();
        if (definitions.stream()
                .anyMatch(d -> d instanceof OperationDefinition op
                        && op.getOperation() != OperationDefinition.Operation.QUERY)) {
            return Shape.MUTATION;
        }
        if (definitions.size() != 1 || !(definitions.get(0) instanceof OperationDefinition op)) {
            return Shape.OTHER;
        }
        if (!op.getDirectives().isEmpty()
                || op.getSelectionSet().getSelections().size() != 1) {
            return Shape.OTHER;
        }
        if (!(op.getSelectionSet().getSelections().get(0) instanceof Field root)
                || !root.getName().equals("rota")
                || !simple(root)) {
            return Shape.OTHER;
        }
        graphql.language.Value<?> area = null;
        graphql.language.Value<?> date = null;
        for (Argument argument : root.getArguments()) {
            if (argument.getName().equals("area")) {
                area = argument.getValue();
            } else if (argument.getName().equals("date")) {
                date = argument.getValue();
            }
        }
        return area == null || date == null ? Shape.OTHER : new Shape(false, area, date);
    }

    /** No aliases, directives, fragments or access notes; every serviceUser selects its id. */
    private static boolean simple(Field field) {
        if (field.getAlias() != null
                || !field.getDirectives().isEmpty()
                || field.getName().equals("accessNotes")) {
            return false;
        }
        SelectionSet selections = field.getSelectionSet();
        if (selections == null) {
            return true;
        }
        boolean hasId = false;
        for (Selection<?> selection : selections.getSelections()) {
            if (!(selection instanceof Field child) || !simple(child)) {
                return false;
            }
            hasId |= child.getName().equals("id");
        }
        return !field.getName().equals("serviceUser") || hasId;
    }

    private static @Nullable Object value(graphql.language.Value<?> value, Map<String, Object> variables) {
        if (value instanceof VariableReference reference) {
            return variables.get(reference.getName());
        }
        if (value instanceof StringValue string) {
            return string.getValue();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static void collectServiceUsers(@Nullable Object node, Collection<UUID> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, child) -> {
                if ("serviceUser".equals(name) && child instanceof Map<?, ?> person && person.get("id") != null) {
                    try {
                        into.add(UUID.fromString(person.get("id").toString()));
                    } catch (IllegalArgumentException e) {
                        log.debug("not a service user id: {}", person.get("id"));
                    }
                }
                collectServiceUsers(child, into);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(child -> collectServiceUsers(child, into));
        }
    }

    record Key(
            String document,
            String variables,
            String operationName,
            UUID organisation,
            String role,
            @Nullable UUID carer) {}

    /**
     * A built view.
     *
     * @param data the serialised {@code data} of the answer
     * @param serviceUsers the people in it (audited on hits)
     * @param plan the published plan's id and version it was built from
     * @param epoch the instance's mutation epoch when it was built
     * @param builtAt when it was built (nanoTime)
     * @param checkedAt when the plan was last checked (nanoTime)
     */
    record Entry(RawValue data, List<UUID> serviceUsers, String plan, long epoch, long builtAt, long checkedAt) {
        Entry checked(long at) {
            return new Entry(data, serviceUsers, plan, epoch, builtAt, at);
        }
    }

    /** For tests. */
    int size() {
        return entries.size();
    }

    /** For tests: the people of every entry. */
    List<UUID> cachedServiceUsers() {
        List<UUID> all = new ArrayList<>();
        entries.values().forEach(e -> all.addAll(e.serviceUsers()));
        return all;
    }
}
