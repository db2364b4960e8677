package org.carerota.api.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.carerota.api.demo.DemoRegionFixture;
import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.support.ApiTest;
import org.carerota.api.support.GraphQl;
import org.carerota.api.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * CSV import of service users and care packages: all-or-nothing with the row and column of every
 * problem, templates downloadable, packages expanded into dated visits. Everything is made in an area
 * of its own and on dates after the fixture's, so that other test classes sharing the fixture see no
 * difference.
 */
class CsvImportIntegrationTests extends ApiTest {

    static final UUID PROVIDER = DemoRegionFixture.organisation("demo:provider-norfolk");
    static final LocalDate HORIZON = LocalDate.of(2027, 1, 4); // a Monday, after the fixture's days

    /** Other test classes count the fixture's carers: take away the carers made here (their links first). */
    @AfterEach
    void removeTestCarers() {
        transactions
                .writeAs(TenantContext.SYSTEM, db -> db.sql("delete from service_user_carers where carer_id in"
                                + " (select id from carers where name like '%(csv test)')")
                        .fetch()
                        .rowsUpdated()
                        .then(db.sql("delete from carers where name like '%(csv test)'")
                                .fetch()
                                .rowsUpdated()))
                .block();
    }

    String token() {
        return TestTokens.token(newUser("csv.import."), "COORDINATOR", PROVIDER, null);
    }

    WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + token())
                .build();
    }

    WebTestClient.ResponseSpec post(String uri, String csv) {
        return http().post()
                .uri(uri)
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv)
                .exchange();
    }

    /** A place of the provider's own, named uniquely. */
    String area() {
        String name = "CSV test place " + UUID.randomUUID().toString().substring(0, 8);
        GraphQl.withToken(port, token())
                .document("mutation($n: String!) { createArea(input: {name: $n, kind: PLACE}) {"
                        + " ... on AreaSaved { area { id } } } }")
                .variable("n", name)
                .execute()
                .path("createArea.area.id")
                .hasValue();
        return name;
    }

    /** Two carers of the provider with external references prefix-C1 and prefix-C2. */
    void carers(String prefix) {
        String pool = transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql(
                                "select id from staff_pools where organisation_id = :org order by name limit 1")
                        .bind("org", PROVIDER)
                        .map(row -> row.get("id", UUID.class).toString())
                        .one())
                .block();
        post(
                        "/csv/carers",
                        "external_ref,name,pool,home_lat,home_lon\n" + prefix + "-C1,Ann (csv test)," + pool
                                + ",52.6,1.3\n" + prefix + "-C2,Bea (csv test)," + pool + ",52.6,1.3\n")
                .expectStatus()
                .isOk();
    }

    long count(String sql, String prefix) {
        return transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql(sql)
                        .bind("p", prefix + "%")
                        .map(row -> row.get(0, Long.class))
                        .one())
                .block();
    }

    // ---- service users ------------------------------------------------------------------------

    @Test
    void shouldImportNoServiceUserAndReportTheRowsWhenARowIsBadThenImportTheGoodFile() {
        String prefix = "SU-" + UUID.randomUUID().toString().substring(0, 8);
        String area = area();
        carers(prefix);
        String header = "external_ref,name,area,lat,lon,postcode,gender_preference,access_notes,preferred_carers,"
                + "banned_carers,regular_carers\n";
        String good1 = prefix + "-1,Edith (csv test)," + area + ",52.62,1.29,NR2 1AB,F,\"Key safe 1234, side door\","
                + prefix + "-C1,," + "\"" + prefix + "-C1;" + prefix + "-C2\"\n";
        String good2 = prefix + "-2,Frank (csv test)," + area.toUpperCase() + ",52.63,1.30,,,,," + prefix + "-C2,\n";
        String bad = prefix + "-3,Gwen (csv test)," + area + ",152.6,1.3,,Q,,,,\n";
        String unknownCarer = prefix + "-4,Hugh (csv test)," + area + ",52.6,1.3,,,,,," + prefix + "-NOBODY\n";

        post("/csv/service-users", header + good1 + bad + good2)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.rows")
                .isEqualTo(3)
                .jsonPath("$.imported")
                .isEqualTo(0)
                .jsonPath("$.errors[0].row")
                .isEqualTo(2)
                .jsonPath("$.errors[0].column")
                .isEqualTo("lat")
                .jsonPath("$.errors[1].row")
                .isEqualTo(2)
                .jsonPath("$.errors[1].column")
                .isEqualTo("gender_preference");
        // a row the database finds wrong (an unknown carer) also imports nothing
        post("/csv/service-users", header + good1 + unknownCarer)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].row")
                .isEqualTo(2)
                .jsonPath("$.errors[0].column")
                .isEqualTo("regular_carers")
                .jsonPath("$.errors[0].value")
                .isEqualTo(prefix + "-NOBODY");
        assertThat(count("select count(*) from service_users where external_ref like :p", prefix))
                .isZero();

        post("/csv/service-users", header + good1 + good2)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(2);
        assertThat(count("select count(*) from service_users where external_ref like :p", prefix))
                .isEqualTo(2);
        assertThat(count(
                        "select count(*) from service_users where external_ref like :p and"
                                + " access_notes_ciphertext is not null",
                        prefix))
                .as("access notes sealed")
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from service_user_carers l join service_users s on s.id = l.service_user_id"
                                + " where s.external_ref like :p",
                        prefix))
                .as("preferred C1, regular C1 and C2, banned C2")
                .isEqualTo(4);

        // importing the same people again is refused, row by row
        post("/csv/service-users", header + good1 + good2)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].column")
                .isEqualTo("external_ref")
                .jsonPath("$.errors[1].row")
                .isEqualTo(2);
    }

    @Test
    void shouldReportMissingAndUnknownColumnsOfTheFile() {
        post("/csv/service-users", "name,area,lat,colour\nX,Y,1,red\n")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].row")
                .isEqualTo(0)
                .jsonPath("$.errors[0].column")
                .isEqualTo("lon")
                .jsonPath("$.errors[1].column")
                .isEqualTo("colour");
        post("/csv/care-packages", "").expectStatus().isEqualTo(422);
    }

    // ---- care packages ------------------------------------------------------------------------

    @Test
    void shouldImportNoCarePackageWhenARowIsBadThenExpandTheGoodFileIntoDatedVisits() {
        String prefix = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        String area = area();
        carers(prefix);
        post(
                        "/csv/service-users",
                        "external_ref,name,area,lat,lon\n" + prefix + "-P1,Ivy (csv test)," + area + ",52.6,1.3\n"
                                + prefix + "-P2,Jack (csv test)," + area + ",52.61,1.31\n")
                .expectStatus()
                .isOk();
        String header = "package_ref,service_user,commissioner,starts_on,ends_on,label,days,every_weeks,window_start,"
                + "window_end,preferred_start,duration_minutes,carers_required,priority,skills\n";
        String morning = prefix + "-K1," + prefix + "-P1,demo:council-norfolk," + HORIZON
                + ",,Morning,daily,1,07:30,09:30,08:00,45,1,TIME_CRITICAL,\n";
        String tea = prefix + "-K1," + prefix + "-P1,demo:council-norfolk," + HORIZON
                + ",,Tea,Mon;Wed;Fri,,16:30,18:00,,30,2,,\n";
        String lunch = prefix + "-K2," + prefix + "-P2,demo:council-norfolk," + HORIZON
                + ",,Lunch,weekdays,,12:00,13:00,,30,,NORMAL,\n";
        String backwards =
                prefix + "-K2," + prefix + "-P2,demo:council-norfolk," + HORIZON + ",,Bed,daily,,21:00,20:00,,30,,,\n";
        String nobody = prefix + "-K3," + prefix + "-NOBODY,demo:council-norfolk," + HORIZON
                + ",,Bed,daily,,20:00,21:00,,30,,,\n";
        String range = "?expandFrom=" + HORIZON + "&expandTo=" + HORIZON.plusDays(6);

        post("/csv/care-packages" + range, header + morning + tea + lunch + backwards)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(0)
                .jsonPath("$.errors.length()")
                .isEqualTo(1)
                .jsonPath("$.errors[0].row")
                .isEqualTo(4)
                .jsonPath("$.errors[0].column")
                .isEqualTo("window_end");
        post("/csv/care-packages" + range, header + morning + tea + nobody)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].row")
                .isEqualTo(3)
                .jsonPath("$.errors[0].column")
                .isEqualTo("service_user")
                .jsonPath("$.errors[0].value")
                .isEqualTo(prefix + "-NOBODY");
        post("/csv/care-packages" + range, header + morning.replace("daily", "Funday"))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].column")
                .isEqualTo("days");
        assertThat(count("select count(*) from care_packages where reference like :p", prefix))
                .as("nothing imported")
                .isZero();

        // K1: daily (7) + Mon/Wed/Fri (3); K2: weekdays (5)
        post("/csv/care-packages" + range, header + morning + tea + lunch)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(3)
                .jsonPath("$.packages")
                .isEqualTo(2)
                .jsonPath("$.visitsCreated")
                .isEqualTo(15);
        assertThat(count("select count(*) from care_packages where reference like :p", prefix))
                .isEqualTo(2);
        List<Long> perDay = transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select count(*) as n from visits v join care_packages p"
                                + " on p.id = v.care_package_id where p.reference like :p group by v.service_date"
                                + " order by v.service_date")
                        .bind("p", prefix + "%")
                        .map(row -> row.get("n", Long.class))
                        .all()
                        .collectList())
                .block();
        // Mon 3, Tue 2, Wed 3, Thu 2, Fri 3, Sat 1, Sun 1
        assertThat(perDay).containsExactly(3L, 2L, 3L, 2L, 3L, 1L, 1L);
        assertThat(count(
                        "select count(*) from visits v join care_packages p on p.id = v.care_package_id"
                                + " where p.reference like :p and v.carers_required = 2",
                        prefix))
                .as("the tea visits need two carers")
                .isEqualTo(3);
    }

    @Test
    void shouldServeTheTemplatesOfEveryImport() {
        for (String name : List.of("carers", "service-users", "care-packages")) {
            http().get()
                    .uri("/csv/templates/" + name + ".csv")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(body -> assertThat(Csv.parse(body)).hasSizeGreaterThanOrEqualTo(2));
        }
        http().get()
                .uri("/csv/templates/care-packages.csv")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body).startsWith("package_ref,service_user,commissioner,starts_on"));
    }
}
