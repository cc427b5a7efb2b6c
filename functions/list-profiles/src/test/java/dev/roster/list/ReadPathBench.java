package dev.roster.list;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.PhotoStatus;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.json.Json;
import dev.roster.core.profile.Card;
import dev.roster.core.profile.Contact;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.profile.SearchPhrases;
import dev.roster.core.profile.SearchText;
import dev.roster.core.table.Directory;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.Keys;
import dev.roster.core.table.ProfileItems;
import dev.roster.core.table.SearchIndex;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.SamTemplate;
import dev.roster.junit.ItemSize;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Benchmark, not a test: what one list page costs in DynamoDB and in the function, for roster's design (one
 * {@code Query} returns the cards) and, side by side, the naive design (one {@code Query} for the ids of the
 * page, then one {@code GetItem} per profile). Run with {@code bench/read-path [PROFILES]}.
 * <p>
 * {@code -Droster.bench.searchOnly=true} runs the search shapes only (the list shapes take long on a big table).
 * <p>
 * Fills a local table (moto) with PROFILES (default 10 000) visible profiles, 90 % with a photo map like the
 * thumbnail function writes, 0–6 tags each drawn from 200 tags with a Zipf(1.1) distribution (a few tags on
 * most profiles, a long tail). Items are written with the layer's item mapping ({@link ProfileItems},
 * {@link Keys}) in batches, not through {@code PUT /me}: ten thousand transactions against moto would take
 * minutes and measure nothing here.
 * <p>
 * Per request shape: DynamoDB calls; items read (DynamoDB's {@code ScannedCount}) vs returned; read
 * capacity as the emulator reports it ({@code ReturnConsumedCapacity=TOTAL}, added to every request by an
 * interceptor) and as DynamoDB's rules give it (eventually consistent: a {@code Query} costs the sum of the
 * sizes of the items it read, rounded up to 4 KB, times 0.5; a {@code GetItem} its item's size rounded up to
 * 4 KB, times 0.5); response bytes; and the handler's median time with the time on the wire (request sent
 * until response headers in) subtracted, so the round trip does not count and SDK (un)marshalling does.
 */
public final class ReadPathBench {
    private static final int RUNS = 5;
    private static final int WARMUP = 1;
    private static final int PAGE = 24;
    private static final int TAG_VOCABULARY = 200;
    private static final String[] FIRST = {
        "Ada",
        "Grace",
        "Alan",
        "Edsger",
        "Barbara",
        "Donald",
        "Frances",
        "John",
        "Margaret",
        "Ken",
        "Radia",
        "Tim",
        "Sophie",
        "Linus",
        "Guido",
        "Anita",
        "Katherine",
        "Dennis",
        "Hedy",
        "Claude"
    };
    private static final String[] LAST = {
        "Lovelace",
        "Hopper",
        "Turing",
        "Dijkstra",
        "Liskov",
        "Knuth",
        "Allen",
        "McCarthy",
        "Hamilton",
        "Thompson",
        "Perlman",
        "Berners-Lee",
        "Wilson",
        "Torvalds",
        "van Rossum",
        "Borg",
        "Johnson",
        "Ritchie",
        "Lamarr",
        "Shannon",
        "Okafor",
        "Nakamura",
        "Silva",
        "Kowalski",
        "Haddad"
    };
    private static final String RARE_SURNAME = "Quillfeather";
    /** The profile items as written, by id: what the old filter's walk reads, in directory order. */
    private static final Map<String, Map<String, AttributeValue>> DIRECTORY_ITEMS = new HashMap<>();

    private static final String[] ORGANISATIONS = {
        "Acme Cooperative",
        "Northwind Studio",
        "Riverside Library",
        "Open Data Institute",
        "City Hospital",
        "Blue Harbour Labs",
        "Freelance",
        "Tech for Good",
        "University of Leeds"
    };
    private static final String[] LOCATIONS = {
        "Leeds", "Manchester", "Bristol", "Glasgow", "Cardiff", "Belfast", "London", "York", "Remote"
    };

    private ReadPathBench() {}

    public static void main(String[] args) {
        int profiles = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (LocalAws aws = LocalAws.start(
                SamTemplate.locate(), Map.of("JwtIssuer", "http://127.0.0.1/bench", "JwtAudience", "bench"))) {
            aws.useAsSdkDefault();
            String table = aws.physicalName("ProfilesTable");
            long start = System.nanoTime();
            List<String[]> directory = new ArrayList<>();
            Map<String, Integer> tagCounts = fill(aws.dynamoDb(), table, profiles, directory);
            System.out.printf(
                    Locale.ROOT,
                    "filled %d visible profiles (%d tags in use) in %.0f s%n",
                    profiles,
                    tagCounts.size(),
                    (System.nanoTime() - start) / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "item sizes by DynamoDB's rule: profile item mean %.0f bytes, tag item mean %.0f"
                            + " bytes, search phrase item mean %.0f bytes (%.1f per profile)%n",
                    SIZES[0] / Math.max(1, SIZES[1]),
                    SIZES[2] / Math.max(1, SIZES[3]),
                    SIZES[4] / Math.max(1, SIZES[5]),
                    SIZES[5] / Math.max(1, SIZES[1]));
            String popular = tagCounts.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey();

            Meter meter = new Meter();
            // moto answers a Query over ten thousand items in seconds on a loaded machine: longer timeouts
            // than the function's; the time on the wire is subtracted anyway
            DynamoDbClient dynamoDb = patientClient(List.of(meter));
            Env env = new Env(aws.functionEnvironment("ListProfilesFunction", Map.of("CURSOR_SECRET", "bench-secret")));
            ListProfilesHandler handler = new ListProfilesHandler(env, dynamoDb, Clock.systemUTC());
            Naive naive = new Naive(dynamoDb, table, env.required("COMMUNITY_ID"));

            // the cursor the API would have issued after half the directory (paging there through moto takes minutes)
            directory.sort(java.util.Comparator.comparing(entry -> entry[0]));
            String[] middle = directory.get(profiles / 2 - 1);
            Map<String, String> position = new LinkedHashMap<>();
            position.put(Keys.PK, Keys.profilePk("main", middle[1]));
            position.put(Keys.SK, Keys.PROFILE_SK);
            position.put(Keys.GSI1PK, Keys.directoryPk("main"));
            position.put(Keys.GSI1SK, middle[0]);
            String deepCursor = new Cursors("bench-secret", Clock.systemUTC())
                    .encode(
                            new ListProfiles(new Directory(dynamoDb, table, "main"), null)
                                    .shape(new ListRequest(PAGE, List.of(), null, null)),
                            position);
            Map<String, AttributeValue> deepStart = new HashMap<>();
            position.forEach((name, value) -> deepStart.put(name, AttributeValue.fromS(value)));
            List<Shape> shapes = List.of(
                    new Shape("first page", "limit=24", List.of(), null, null),
                    new Shape(
                            "deep page (~" + profiles / 2 + " in)",
                            "limit=24&cursor=" + deepCursor,
                            List.of(),
                            null,
                            deepStart),
                    new Shape(
                            "tag filter (" + popular + ", " + tagCounts.get(popular) + " profiles)",
                            "limit=24&tag=" + popular,
                            List.of(popular),
                            null,
                            null));

            if (!Boolean.getBoolean("roster.bench.searchOnly")) {
                System.out.printf(
                        Locale.ROOT,
                        "%nread path, page of %d, %d visible profiles (JDK %s, %d cores, load %s)%n",
                        PAGE,
                        profiles,
                        Runtime.version(),
                        Runtime.getRuntime().availableProcessors(),
                        load());
                System.out.printf(
                        Locale.ROOT,
                        "%-40s %-7s %5s %6s %8s %13s %12s %9s %10s%n",
                        "shape",
                        "design",
                        "calls",
                        "read",
                        "returned",
                        "RCU emulator",
                        "RCU by rule",
                        "bytes",
                        "handler");
                for (Shape shape : shapes) {
                    ApiEvents event =
                            ApiEvents.route("GET /profiles").as("reader").query(shape.query);
                    Result ours = measure(meter, () -> check(handler.handle(event.stream())));
                    Result theirs = measure(meter, () -> naive.page(shape.tags, shape.text, shape.start));
                    print(shape.name, "roster", ours);
                    print("", "naive", theirs);
                }
                System.out.println("""

                        calls: DynamoDB requests per page (retries would count). read: items DynamoDB read (ScannedCount of
                        the Query, plus one per GetItem); returned: cards on the page. RCU by rule: eventually consistent
                        read units by DynamoDB's rounding rules from the items' sizes; RCU emulator: what moto answered to
                        ReturnConsumedCapacity=TOTAL. handler: median ms with the time on the wire subtracted.""");
            }

            searchShapes(meter, handler, dynamoDb, table, profiles, popular, directory);
        }
    }

    /**
     * Search: requests until the first page is full (or the matches run out), the index (roster's
     * {@code GET /profiles?q=}, through the handler, measured) against the filter it replaced (a
     * {@code contains(search, :q)} filter on the directory Query with {@code Limit} = page, paged like the web
     * client did). The filter's walk is hundreds of Queries at 10 000 profiles, each minutes of moto time on a
     * loaded machine, so it is computed from the directory as written (pages are consecutive runs of 24 items
     * in name order, what {@code Limit} before a filter means) and its first request measured against moto
     * to check the computation.
     */
    private static void searchShapes(
            Meter meter,
            ListProfilesHandler handler,
            DynamoDbClient dynamoDb,
            String table,
            int profiles,
            String popular,
            List<String[]> directory) {
        List<String[]> shapes = List.of(
                new String[] {"rare surname (1 %)", "quillfeather", null},
                new String[] {"common first name (5 %)", "grace", null},
                new String[] {"two words", "grace hopper", null},
                new String[] {"2-letter prefix", "ha", null},
                new String[] {"1 letter", "a", null},
                new String[] {"first name + tag " + popular, "grace", popular});
        System.out.printf(
                Locale.ROOT, "%nsearch, first full page of %d (or all matches), %d visible profiles%n", PAGE, profiles);
        System.out.printf(
                Locale.ROOT,
                "%-34s %-7s %8s %6s %8s %8s %12s %9s   %s%n",
                "shape",
                "design",
                "requests",
                "read",
                "returned",
                "matches",
                "RCU by rule",
                "bytes",
                "filter's 1st request: computed / moto");
        OldFilter old = new OldFilter(dynamoDb, table, "main", directory);
        for (String[] shape : shapes) {
            String text = shape[1];
            String query =
                    "limit=" + PAGE + "&q=" + text.replace(" ", "+") + (shape[2] == null ? "" : "&tag=" + shape[2]);
            ApiEvents event = ApiEvents.route("GET /profiles").as("reader").query(query);
            String[] body = new String[1];
            dev.roster.core.observe.Log.quietly(() -> {
                check(handler.handle(event.stream())); // warm-up
                meter.reset();
                body[0] = check(handler.handle(event.stream()));
            });
            int cards = ((List<?>) Json.parseTrusted(body[0]).get("items")).size();
            int matches = old.matches(SearchText.fold(text), shape[2]);
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %-7s %8d %6d %8d %8d %12.1f %9d%n",
                    shape[0] + " q=" + text,
                    "index",
                    meter.calls,
                    meter.read,
                    cards,
                    matches,
                    meter.rcuByRule,
                    body[0].getBytes(StandardCharsets.UTF_8).length);
            OldFilter.Walk walk = old.walk(SearchText.fold(text), shape[2]);
            int[] first = old.firstRequest(SearchText.fold(text), shape[2]);
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %-7s %8d %6d %8d %8s %12.1f %9d   read %d returned %d / read %d returned %d%n",
                    "",
                    "filter",
                    walk.requests(),
                    walk.read(),
                    walk.returned(),
                    "",
                    walk.rcuByRule(),
                    walk.bytes(),
                    walk.firstRead(),
                    walk.firstReturned(),
                    first[0],
                    first[1]);
        }
        System.out.println("""

                requests: GET /profiles requests until the page holds %d matches or none remain (one DynamoDB Query
                each); read: items DynamoDB read over those requests; returned: cards the API returned (the index
                reads a page and a half and returns the page, so the next starts after its last card); matches: profiles the old
                filter's text finds in the whole directory (a substring anywhere: 'ha' also in 'Graham'; the index
                matches word beginnings, so it may return fewer); RCU by rule: eventually consistent read units
                from the sizes of the items read; bytes: response bodies summed.""".formatted(PAGE));
    }

    /** The design before the index: the directory (or the tag's) Query filtered by {@code contains(search, :q)}. */
    private record OldFilter(DynamoDbClient dynamoDb, String table, String community, List<String[]> directory) {
        record Walk(
                int requests, int read, int returned, double rcuByRule, int bytes, int firstRead, int firstReturned) {}

        private List<Map<String, AttributeValue>> partition(String tag) {
            List<String[]> ordered = new ArrayList<>(directory);
            ordered.sort(java.util.Comparator.comparing(entry -> entry[0]));
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (String[] entry : ordered) {
                Map<String, AttributeValue> item = DIRECTORY_ITEMS.get(entry[1]);
                if (tag == null || ProfileItems.card(item).tags().contains(tag)) {
                    items.add(item);
                }
            }
            return items;
        }

        private static boolean found(Map<String, AttributeValue> item, String folded) {
            return item.get(ItemAttributes.SEARCH).s().contains(folded);
        }

        int matches(String folded, String tag) {
            return (int)
                    partition(tag).stream().filter(item -> found(item, folded)).count();
        }

        /** Pages of {@value #PAGE} items in order, each returning its matches, until {@value #PAGE} are found. */
        Walk walk(String folded, String tag) {
            List<Map<String, AttributeValue>> items = partition(tag);
            int requests = 0;
            int read = 0;
            int returned = 0;
            double units = 0;
            int bytes = 0;
            int firstReturned = -1;
            int firstRead = 0;
            for (int from = 0; from < items.size() && returned < PAGE; from += PAGE) {
                List<Map<String, AttributeValue>> page = items.subList(from, Math.min(items.size(), from + PAGE));
                List<Object> cards = new ArrayList<>();
                long pageBytes = 0;
                for (Map<String, AttributeValue> item : page) {
                    pageBytes += ItemSize.of(projected(item, tag));
                    if (found(item, folded)) {
                        cards.add(ProfileItems.card(item).toJson());
                    }
                }
                requests++;
                read += page.size();
                returned += cards.size();
                units += Math.ceil(pageBytes / 4096.0) * 0.5;
                boolean more = from + PAGE < items.size();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("items", cards);
                body.put("next", more ? "x".repeat(CURSOR_CHARS) : null);
                bytes += Json.write(body).getBytes(StandardCharsets.UTF_8).length;
                if (firstReturned < 0) {
                    firstReturned = cards.size();
                    firstRead = page.size();
                }
            }
            return new Walk(requests, read, returned, units, bytes, firstRead, Math.max(0, firstReturned));
        }

        /** What GSI1 (or a tag item) holds of a profile item: its keys and the card. */
        private Map<String, AttributeValue> projected(Map<String, AttributeValue> item, String tag) {
            Map<String, AttributeValue> copy = new HashMap<>();
            for (String attribute : ItemAttributes.CARD) {
                if (item.containsKey(attribute)) {
                    copy.put(attribute, item.get(attribute));
                }
            }
            copy.put(Keys.PK, item.get(Keys.PK));
            copy.put(Keys.SK, item.get(Keys.SK));
            if (tag == null) {
                copy.put(Keys.GSI1PK, item.get(Keys.GSI1PK));
                copy.put(Keys.GSI1SK, item.get(Keys.GSI1SK));
            }
            return copy;
        }

        /** The filter's first request, against moto: {read, returned}. */
        int[] firstRequest(String folded, String tag) {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).limit(PAGE);
            if (tag == null) {
                query.indexName(Keys.GSI1);
                names.put("#pk", Keys.GSI1PK);
                values.put(":pk", AttributeValue.fromS(Keys.directoryPk(community)));
            } else {
                names.put("#pk", Keys.PK);
                values.put(":pk", AttributeValue.fromS(Keys.tagPk(community, tag)));
            }
            names.put("#q", ItemAttributes.SEARCH);
            values.put(":q", AttributeValue.fromS(folded));
            QueryResponse response = dynamoDb.query(query.keyConditionExpression("#pk = :pk")
                    .filterExpression("contains(#q, :q)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            return new int[] {response.scannedCount(), response.count()};
        }
    }

    /** Length of a list cursor as the API issues them (measured: ~230 characters). */
    private static final int CURSOR_CHARS = 230;

    private static DynamoDbClient patientClient(List<ExecutionInterceptor> interceptors) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofMinutes(5))
                        .build())
                .overrideConfiguration(
                        c -> c.apiCallTimeout(Duration.ofMinutes(5)).executionInterceptors(interceptors))
                .build();
    }

    private record Shape(
            String name, String query, List<String> tags, String text, Map<String, AttributeValue> start) {}

    /** One request shape's figures (the last measured run's counts, the median of the handler times). */
    private record Result(
            int calls, int read, int returned, double rcuEmulator, double rcuByRule, int bytes, double handlerMs) {}

    private static Result measure(Meter meter, java.util.function.Supplier<String> request) {
        for (int i = 0; i < WARMUP; i++) {
            request.get();
        }
        double[] millis = new double[RUNS];
        String body = null;
        for (int i = 0; i < RUNS; i++) {
            meter.reset();
            long start = System.nanoTime();
            body = request.get();
            millis[i] = (System.nanoTime() - start - meter.wireNanos) / 1e6;
        }
        Arrays.sort(millis);
        return new Result(
                meter.calls,
                meter.read,
                meter.returned,
                meter.rcuEmulator,
                meter.rcuByRule,
                body.getBytes(StandardCharsets.UTF_8).length,
                millis[RUNS / 2]);
    }

    private static void print(String shape, String design, Result r) {
        System.out.printf(
                Locale.ROOT,
                "%-40s %-7s %5d %6d %8d %13.1f %12.1f %9d %8.2f ms%n",
                shape,
                design,
                r.calls,
                r.read,
                r.returned,
                r.rcuEmulator,
                r.rcuByRule,
                r.bytes,
                r.handlerMs);
    }

    private static String check(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException(response.getBody());
        }
        return response.getBody();
    }

    /**
     * The naive read: the same Query, asking only for the keys, then the whole profile item of each id, as
     * an ORM-style "list ids, then load each object" page does. Same cards, same JSON.
     */
    private record Naive(DynamoDbClient dynamoDb, String table, String community) {
        String page(List<String> tags, String text, Map<String, AttributeValue> start) {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).limit(PAGE);
            List<String> filters = new ArrayList<>();
            if (tags.isEmpty()) {
                query.indexName(Keys.GSI1).keyConditionExpression("#pk = :pk").projectionExpression("#id");
                names.put("#pk", Keys.GSI1PK);
                values.put(":pk", AttributeValue.fromS(Keys.directoryPk(community)));
            } else {
                query.keyConditionExpression("#pk = :pk").projectionExpression("#id");
                names.put("#pk", Keys.PK);
                values.put(":pk", AttributeValue.fromS(Keys.tagPk(community, tags.getFirst())));
            }
            names.put("#id", ItemAttributes.PROFILE_ID);
            if (text != null) {
                filters.add("contains(#q, :q)");
                names.put("#q", ItemAttributes.SEARCH);
                values.put(":q", AttributeValue.fromS(text));
            }
            if (!filters.isEmpty()) {
                query.filterExpression(String.join(" AND ", filters));
            }
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse ids = dynamoDb.query(query.expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            List<Object> cards = new ArrayList<>();
            for (Map<String, AttributeValue> id : ids.items()) {
                GetItemResponse profile = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(Map.of(
                                Keys.PK,
                                        AttributeValue.fromS(Keys.profilePk(
                                                community,
                                                id.get(ItemAttributes.PROFILE_ID)
                                                        .s())),
                                Keys.SK, AttributeValue.fromS(Keys.PROFILE_SK)))
                        .build());
                Card card = ProfileItems.card(profile.item());
                cards.add(card.toJson());
            }
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("items", cards);
            page.put("next", null);
            return Json.write(page);
        }
    }

    /**
     * Counts DynamoDB requests, adds ReturnConsumedCapacity, sums what was read and what it costs, and
     * measures the time on the wire.
     */
    private static final class Meter implements ExecutionInterceptor {
        int calls;
        int read;
        int returned;
        double rcuEmulator;
        double rcuByRule;
        long wireNanos;
        long sent;
        QueryRequest lastQuery;
        /** Bytes of the items each Query read, from a side Query (not counted) without projection or filter. */
        final Map<QueryRequest, Double> queryCost = new HashMap<>();

        void reset() {
            calls = 0;
            read = 0;
            returned = 0;
            rcuEmulator = 0;
            rcuByRule = 0;
            wireNanos = 0;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            return switch (context.request()) {
                case QueryRequest q ->
                    q.toBuilder()
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                            .build();
                case GetItemRequest g ->
                    g.toBuilder()
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                            .build();
                default -> context.request();
            };
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            calls++;
            sent = System.nanoTime();
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            wireNanos += System.nanoTime() - sent;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            switch (context.response()) {
                case QueryResponse q -> {
                    lastQuery = (QueryRequest) context.request();
                    read += q.scannedCount();
                    returned += q.count();
                    rcuEmulator += units(q.consumedCapacity());
                    rcuByRule += readUnits(scannedBytes(lastQuery));
                }
                case GetItemResponse g -> {
                    read++;
                    rcuEmulator += units(g.consumedCapacity());
                    rcuByRule += readUnits(g.hasItem() ? ItemSize.of(g.item()) : 0);
                }
                default -> {}
            }
        }

        private static double units(ConsumedCapacity capacity) {
            return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
        }

        /** What the Query read, before projection and filter: the same key range, unprojected, unfiltered. */
        private double scannedBytes(QueryRequest request) {
            return queryCost.computeIfAbsent(request, r -> {
                Map<String, String> names = new HashMap<>(r.expressionAttributeNames());
                Map<String, AttributeValue> values = new HashMap<>(r.expressionAttributeValues());
                names.keySet().retainAll(Set.of("#pk", "#sk"));
                values.keySet().retainAll(Set.of(":pk", ":q"));
                QueryRequest plain = r.toBuilder()
                        .projectionExpression(null)
                        .filterExpression(null)
                        .returnConsumedCapacity((String) null)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build();
                try (DynamoDbClient side = patientClient(List.of())) {
                    return (double) side.query(plain).items().stream()
                            .mapToLong(ItemSize::of)
                            .sum();
                }
            });
        }

        /** Eventually consistent read units: 0.5 per 4 KB, rounded up. */
        private static double readUnits(double bytes) {
            return bytes == 0 ? 0 : Math.ceil(bytes / 4096) * 0.5;
        }
    }

    /** Profile and tag items as PUT /me writes them (ProfileTable.create), plus a photo map, in batches of 25. */
    private static Map<String, Integer> fill(
            DynamoDbClient dynamoDb, String table, int profiles, List<String[]> directory) {
        Random random = new Random(7);
        double[] zipf = zipfCumulative(TAG_VOCABULARY, 1.1);
        Map<String, Integer> tagCounts = new HashMap<>();
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < profiles; i++) {
            String id = ProfileId.newProfileId();
            // one member in a hundred carries a rare surname (the search shapes look for it)
            String last = i % 100 == 37 ? RARE_SURNAME : LAST[random.nextInt(LAST.length)];
            String name = FIRST[random.nextInt(FIRST.length)] + " " + last + " " + i;
            Set<String> tags = new LinkedHashSet<>();
            int wanted = random.nextInt(7);
            while (tags.size() < wanted) {
                tags.add("tag" + sample(zipf, random));
            }
            tags.forEach(tag -> tagCounts.merge(tag, 1, Integer::sum));
            ProfileInput input = new ProfileInput(
                    name,
                    ORGANISATIONS[random.nextInt(ORGANISATIONS.length)],
                    LOCATIONS[random.nextInt(LOCATIONS.length)],
                    "https://example.org/" + i,
                    "A short biography of a member, the kind people write: what they work on, what they like "
                            + "to talk about, and how to reach them. ".repeat(1 + random.nextInt(3)),
                    "member" + i + "@example.org",
                    List.copyOf(tags),
                    true,
                    Contact.NONE);
            AttributeValue photo = random.nextInt(10) < 9 ? photo(id) : null;
            String sortName = ProfileItems.sortName(name);
            Map<String, AttributeValue> profile = new HashMap<>(ProfileItems.cardAttributes(id, input, photo));
            profile.put(Keys.PK, AttributeValue.fromS(Keys.profilePk("main", id)));
            profile.put(Keys.SK, AttributeValue.fromS(Keys.PROFILE_SK));
            profile.put(ItemAttributes.OWNER_SUB, AttributeValue.fromS("sub-" + i));
            profile.put(ItemAttributes.EMAIL, AttributeValue.fromS(input.email()));
            profile.put(ItemAttributes.WEBSITE, AttributeValue.fromS(input.website()));
            profile.put(ItemAttributes.BIO, AttributeValue.fromS(input.bio()));
            profile.put(ItemAttributes.VISIBLE, AttributeValue.fromBool(true));
            profile.put(ItemAttributes.SORT_NAME, AttributeValue.fromS(sortName));
            profile.put(ItemAttributes.VERSION, AttributeValue.fromN("1"));
            profile.put(
                    ItemAttributes.PHOTO_STATUS,
                    AttributeValue.fromS((photo == null ? PhotoStatus.NONE : PhotoStatus.READY).name()));
            profile.put(Keys.GSI1PK, AttributeValue.fromS(Keys.directoryPk("main")));
            profile.put(Keys.GSI1SK, AttributeValue.fromS(Keys.nameSortKey(sortName, id)));
            add(dynamoDb, table, batch, profile);
            directory.add(new String[] {Keys.nameSortKey(sortName, id), id});
            DIRECTORY_ITEMS.put(id, profile);
            Map<String, AttributeValue> indexCard = ProfileItems.cardAttributes(id, input, photo);
            for (Map<String, AttributeValue> item : SearchIndex.items(
                    "main",
                    id,
                    sortName,
                    SearchPhrases.of(input.name(), input.organisation(), input.location()),
                    indexCard)) {
                add(dynamoDb, table, batch, item);
            }
            Map<String, AttributeValue> card = ProfileItems.cardAttributes(id, input, photo);
            for (String tag : tags) {
                Map<String, AttributeValue> item = new HashMap<>(card);
                item.put(Keys.PK, AttributeValue.fromS(Keys.tagPk("main", tag)));
                item.put(Keys.SK, AttributeValue.fromS(Keys.nameSortKey(sortName, id)));
                add(dynamoDb, table, batch, item);
            }
        }
        flush(dynamoDb, table, batch);
        return tagCounts;
    }

    private static AttributeValue photo(String id) {
        String base = "https://d111111abcdef8.cloudfront.net/photos/" + id + "/3f2a9c1e7b";
        return AttributeValue.fromM(Map.of(
                "thumb1x", AttributeValue.fromS(base + "-thumb-100.jpg"),
                "thumb2x", AttributeValue.fromS(base + "-thumb-200.jpg"),
                "detail1x", AttributeValue.fromS(base + "-detail-250.jpg"),
                "detail2x", AttributeValue.fromS(base + "-detail-500.jpg"),
                "placeholder", AttributeValue.fromS("1QcSHQRnh493V4dIh4eXh1h4kJUI"),
                "colour", AttributeValue.fromS("#7a5c3e"),
                "uploadId", AttributeValue.fromS("r3Vf0-_Qm8xYb2LkT6pW1a"),
                "specVersion", AttributeValue.fromN("1")));
    }

    /** Bytes and counts of the profile, tag and search items written by {@link #fill}, for the cost of a write. */
    private static final double[] SIZES = new double[6];

    private static void add(
            DynamoDbClient dynamoDb, String table, List<WriteRequest> batch, Map<String, AttributeValue> item) {
        String pk = item.get(Keys.PK).s();
        int kind = Keys.PROFILE_SK.equals(item.get(Keys.SK).s()) ? 0 : pk.startsWith(Keys.tagPk("main", "")) ? 2 : 4;
        SIZES[kind] += ItemSize.of(item);
        SIZES[kind + 1]++;
        batch.add(WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item).build())
                .build());
        if (batch.size() == 25) {
            flush(dynamoDb, table, batch);
        }
    }

    private static void flush(DynamoDbClient dynamoDb, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
        batch.clear();
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> sending = pending;
            pending = dynamoDb.batchWriteItem(b -> b.requestItems(sending)).unprocessedItems();
        }
    }

    private static double[] zipfCumulative(int n, double s) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1 / Math.pow(k, s);
            cumulative[k - 1] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        return cumulative;
    }

    private static int sample(double[] cumulative, Random random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return (index >= 0 ? index : -index - 1) + 1;
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
