package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The local stack under concurrent use, over loopback HTTP through the front door (JWT authorizer, real
 * handlers, moto, the S3 notification pump): readers walk the whole directory page by page while editors
 * change profiles, movers rename theirs across the alphabet, a toggler hides and shows one, and uploaders
 * put photos through {@code POST /me/photo}, the presigned PUT and the thumbnail function. Bounded by count
 * and time ({@code -Droster.load.seconds}, default 15, at most 60). Latencies are printed, never asserted.
 * <p>
 * A walk is consistent when, for profiles that existed before it started:
 * <ul>
 *   <li>a profile whose name and visibility did not change during the walk appears exactly once (edits of
 *       other fields and new photos do not move it: the list is ordered by name);</li>
 *   <li>a profile renamed during the walk appears at most twice (the cursor continues after the last name
 *       seen, so a rename can carry it past the cursor or back). Its card's name and its place in the order
 *       are not checked: moto applies an update attribute by attribute while other threads read, so a query
 *       can see a renamed card's new {@code name} at its old {@code GSI1SK} place — a torn read DynamoDB's
 *       atomic item writes never show, and the only way this check failed in runs on main;</li>
 *   <li>a profile hidden or shown during the walk appears at most once;</li>
 *   <li>the cards come in name order across the whole walk, and no page is a 5xx.</li>
 * </ul>
 */
@WithLocalAws
class DirectoryUnderLoadTest {
    private static final int STABLE = 40;
    private static final int EDITORS = 2;
    private static final int MOVERS = 3;
    private static final int UPLOADERS = 2;
    private static final int READERS = 6;
    private static final int PAGE = 7;
    private static final int MAX_WALKS_PER_READER = 200;
    private static final int MAX_WRITES_PER_WRITER = 400;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
    private LocalStack stack;

    record Member(String sub, String token, String id) {}

    @Test
    void walksStayConsistentWithNo5xxWhileProfilesAndPhotosChange(LocalAws aws) throws Exception {
        long seconds = Math.min(60, Long.getLong("roster.load.seconds", 15));
        try (LocalStack started = LocalStack.start(aws.template(), 0, aws.endpoint(), Path.of("../../web"))) {
            stack = started;
            String run = Long.toString(System.nanoTime() % 100_000, 36);
            List<Member> stable = new ArrayList<>();
            for (int i = 0; i < STABLE; i++) {
                stable.add(join("stable-" + run + "-" + i, "Load %s Stable %02d".formatted(run, i), true));
            }
            List<Member> movers = new ArrayList<>();
            for (int i = 0; i < MOVERS; i++) {
                movers.add(join("mover-" + run + "-" + i, "Load %s Aaa Mover %d".formatted(run, i), true));
            }
            Member toggler = join("toggler-" + run, "Load %s Toggler".formatted(run), true);
            Set<String> stableIds = ids(stable);
            Set<String> moverIds = ids(movers);
            Map<String, String> stableNames = new HashMap<>();
            for (int i = 0; i < STABLE; i++) {
                stableNames.put(stable.get(i).id(), "Load %s Stable %02d".formatted(run, i));
            }
            byte[] photo = jpeg();
            String query = "limit=" + PAGE + "&q=" + "load%20" + run;

            Instant deadline = Instant.now().plusSeconds(seconds);
            AtomicInteger walks = new AtomicInteger();
            AtomicInteger writes = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            List<String> inconsistencies = Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> tasks = new ArrayList<>();
                for (int r = 0; r < READERS; r++) {
                    String readerToken = stack.issuer()
                            .issue("reader-" + run + "-" + r, "Reader", null)
                            .token();
                    tasks.add(repeat(threads, deadline, MAX_WALKS_PER_READER, w -> {
                        List<Map<String, Object>> cards = walk(readerToken, query);
                        walks.incrementAndGet();
                        String problem = inconsistency(cards, stableIds, stableNames, moverIds, toggler.id());
                        if (problem != null) {
                            inconsistencies.add(problem);
                        }
                    }));
                }
                for (int e = 0; e < EDITORS; e++) {
                    List<Member> mine = stable.subList(e * 10, e * 10 + 10);
                    int editor = e;
                    tasks.add(repeat(threads, deadline, MAX_WRITES_PER_WRITER, n -> {
                        Member member = mine.get(n % mine.size());
                        String name = stableNames.get(member.id());
                        edit(
                                member,
                                Map.of(
                                        "name",
                                        name,
                                        "organisation",
                                        "Org " + editor + "-" + n,
                                        "visible",
                                        true,
                                        "bio",
                                        "edit " + n,
                                        "tags",
                                        n % 2 == 0 ? List.of("load") : List.of("load", "busy")),
                                conflicts);
                        writes.incrementAndGet();
                    }));
                }
                tasks.add(repeat(threads, deadline, MAX_WRITES_PER_WRITER, n -> {
                    Member mover = movers.get(n % MOVERS);
                    String where = (n / MOVERS) % 2 == 0 ? "Zzz" : "Aaa";
                    edit(
                            mover,
                            Map.of("name", "Load %s %s Mover %d".formatted(run, where, n % MOVERS), "visible", true),
                            conflicts);
                    edit(toggler, Map.of("name", "Load %s Toggler".formatted(run), "visible", n % 2 == 1), conflicts);
                    writes.addAndGet(2);
                }));
                for (int u = 0; u < UPLOADERS; u++) {
                    List<Member> mine = stable.subList(20 + u * 10, 20 + u * 10 + 10);
                    tasks.add(repeat(threads, deadline, MAX_WRITES_PER_WRITER, n -> {
                        upload(mine.get(n % mine.size()), photo);
                        writes.incrementAndGet();
                    }));
                }
                for (Future<?> task : tasks) {
                    task.get();
                }
            }
            Instant drainBy = Instant.now().plusSeconds(10); // let the pump finish the last photos before it stops
            while (stack.pendingNotifications() > 0 && Instant.now().isBefore(drainBy)) {
                Thread.sleep(100);
            }

            System.out.printf(
                    "load: %d s, %d readers, %d walks, %d writes (%d retried after 412), statuses %s%n",
                    seconds, READERS, walks.get(), writes.get(), conflicts.get(), statuses);
            for (var route : new java.util.TreeMap<>(latencies).entrySet()) {
                List<Long> sorted = new ArrayList<>(route.getValue());
                Collections.sort(sorted);
                System.out.printf(
                        "  %-22s n=%5d  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                        route.getKey(),
                        sorted.size(),
                        percentile(sorted, 50),
                        percentile(sorted, 99),
                        sorted.getLast() / 1e6);
            }
            assertEquals(List.of(), List.copyOf(serverErrors), "no 5xx");
            assertEquals(List.of(), inconsistencies, "every walk consistent");
            assertTrue(walks.get() > 0, "at least one walk completed");
        }
    }

    /** One step of a load task; {@code n} counts the steps from 0. */
    @FunctionalInterface
    interface Step {
        void run(int n) throws Exception;
    }

    /** Runs {@code step} on a thread of {@code threads}, again and again, until {@code deadline} or {@code most} steps. */
    private static Future<?> repeat(ExecutorService threads, Instant deadline, int most, Step step) {
        return threads.submit(() -> {
            for (int n = 0; n < most && Instant.now().isBefore(deadline); n++) {
                step.run(n);
            }
            return null;
        });
    }

    @Test
    void theConsistencyCheckCatchesDuplicatesGapsDisorderAndStaleNames() {
        assertEquals(null, check(Set.of("m"), "m A", "s1 B", "s2 C", "m Z"), "a mover seen under its old and new name");
        assertEquals(null, check(Set.of("m"), "s1 B", "m A", "s2 C", "m A"), "a mover's card read torn by moto");
        assertEquals("m appears 3 times", check(Set.of("m"), "m A", "s1 B", "m M", "s2 C", "m Z"));
        assertEquals("stable profile s2 appears 0 times", check(Set.of(), "s1 B"));
        assertEquals("s1 appears twice under the name B", check(Set.of(), "s1 B", "s1 B", "s2 C"));
        assertEquals("out of name order: 'B' after 'c'", check(Set.of(), "s2 C", "s1 B"));
        assertEquals("s1 shows name Bx, never its name", check(Set.of(), "s1 Bx", "s2 C"));
        assertEquals("t appears 2 times", check(Set.of(), "s1 B", "s2 C", "t T", "t U"));
    }

    /**
     * {@link #inconsistency} of a walk whose cards are given as "id name", over the stable profiles s1 (named B)
     * and s2 (named C), the toggler t and {@code movers}.
     */
    private static String check(Set<String> movers, String... cards) {
        List<Map<String, Object>> walk = java.util.Arrays.stream(cards)
                .map(card -> card.split(" ", 2))
                .<Map<String, Object>>map(card -> Map.of("id", card[0], "name", card[1]))
                .toList();
        return inconsistency(walk, Set.of("s1", "s2"), Map.of("s1", "B", "s2", "C"), movers, "t");
    }

    /** Why a walk is inconsistent (see the class comment), or null. */
    static String inconsistency(
            List<Map<String, Object>> cards,
            Set<String> stableIds,
            Map<String, String> stableNames,
            Set<String> moverIds,
            String togglerId) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Set<String>> namesSeen = new HashMap<>();
        String previous = "";
        for (Map<String, Object> card : cards) {
            String id = (String) card.get("id");
            String name = (String) card.get("name");
            seen.merge(id, 1, Integer::sum);
            if (moverIds.contains(id)) {
                continue; // counted only (see the class comment)
            }
            if (!namesSeen.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(name)) {
                return id + " appears twice under the name " + name;
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (key.compareTo(previous) < 0) {
                return "out of name order: '" + name + "' after '" + previous + "'";
            }
            previous = key;
            if (stableIds.contains(id) && !stableNames.get(id).equals(name)) {
                return id + " shows name " + name + ", never its name";
            }
        }
        for (String id : stableIds) {
            if (seen.getOrDefault(id, 0) != 1) {
                return "stable profile " + id + " appears " + seen.getOrDefault(id, 0) + " times";
            }
        }
        for (var entry : seen.entrySet()) {
            int limit = moverIds.contains(entry.getKey()) ? 2 : 1;
            if (entry.getValue() > limit) {
                return entry.getKey() + " appears " + entry.getValue() + " times";
            }
        }
        return null;
    }

    private Member join(String sub, String name, boolean visible) throws Exception {
        String token = stack.issuer().issue(sub, name, sub + "@load.example").token();
        HttpResponse<String> created = send(
                "PUT /me",
                request("/me", token)
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                JSON.std.asString(Map.of("name", name, "visible", visible, "tags", List.of("load")))))
                        .build());
        assertEquals(201, created.statusCode(), created.body());
        return new Member(
                sub, token, String.valueOf(JSON.std.mapFrom(created.body()).get("id")));
    }

    /** GET /me for the ETag, then PUT /me; a 412 (the photo pipeline wrote meanwhile) is retried. */
    private void edit(Member member, Map<String, Object> profile, AtomicInteger conflicts) throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            HttpResponse<String> me =
                    send("GET /me", request("/me", member.token()).GET().build());
            if (me.statusCode() != 200) {
                return;
            }
            HttpResponse<String> put = send(
                    "PUT /me",
                    request("/me", member.token())
                            .header("if-match", me.headers().firstValue("etag").orElseThrow())
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.std.asString(profile)))
                            .build());
            if (put.statusCode() != 412) {
                assertEquals(200, put.statusCode(), put.body());
                return;
            }
            conflicts.incrementAndGet();
        }
    }

    private void upload(Member member, byte[] photo) throws Exception {
        HttpResponse<String> granted = send(
                "POST /me/photo",
                request("/me/photo", member.token())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"contentType\":\"image/jpeg\",\"contentLength\":" + photo.length + "}"))
                        .build());
        assertEquals(201, granted.statusCode(), granted.body());
        Map<String, Object> grant = JSON.std.mapFrom(granted.body());
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create((String) grant.get("url")))
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo));
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) grant.get("headers");
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length")) {
                put.header(name, String.valueOf(value));
            }
        });
        HttpResponse<String> stored = send("S3 presigned PUT", put.build());
        assertEquals(200, stored.statusCode(), stored.body());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> walk(String token, String query) throws Exception {
        List<Map<String, Object>> cards = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            HttpResponse<String> page = send(
                    "GET /profiles",
                    request("/profiles?" + query + (cursor == null ? "" : "&cursor=" + cursor), token)
                            .GET()
                            .build());
            if (page.statusCode() != 200) {
                break; // a 5xx is recorded by send; the walk cannot go on without its cursor
            }
            Map<String, Object> json = JSON.std.mapFrom(page.body());
            cards.addAll((List<Map<String, Object>>) json.get("items"));
            cursor = (String) json.get("next");
            if (cursor == null) {
                break;
            }
        }
        return cards;
    }

    private HttpRequest.Builder request(String target, String token) {
        return HttpRequest.newBuilder(URI.create(stack.apiUrl() + target))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + token)
                .header("content-type", "application/json");
    }

    private HttpResponse<String> send(String route, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        latencies.computeIfAbsent(route, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - start);
        statuses.computeIfAbsent(response.statusCode(), k -> new AtomicInteger())
                .incrementAndGet();
        if (response.statusCode() >= 500) {
            serverErrors.add(route + " → " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static double percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static byte[] jpeg() throws Exception {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 640, 480, Color.BLUE));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", bytes);
        return bytes.toByteArray();
    }

    private static Set<String> ids(List<Member> members) {
        return Set.copyOf(members.stream().map(Member::id).toList());
    }
}
