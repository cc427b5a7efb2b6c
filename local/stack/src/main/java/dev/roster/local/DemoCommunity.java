package dev.roster.local;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The demo community the local stack seeds: forty made-up members with organisations, places and tags, and
 * for most of them a generated portrait (a JPEG or PNG of a stylised head and shoulders on a gradient, in
 * portrait and landscape shapes so the pipeline's centre crop has something to do). Deterministic.
 */
final class DemoCommunity {
    record Member(
            String sub,
            String name,
            String email,
            String organisation,
            String location,
            String website,
            String bio,
            List<String> tags,
            Photo photo) {}

    record Photo(String contentType, byte[] bytes) {}

    private static final String[] FIRST = {
        "Ada", "Bashir", "Chiara", "Dmitri", "Efua", "Farah", "Gustavo", "Hana", "Ines", "Jonas", "Kavya", "Lars",
        "Mei", "Nikolai", "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tamar", "Ugo", "Valeria", "Wanjiru", "Xavier",
        "Yara", "Zeynep", "Amara", "Björn", "Carmen", "Deniz", "Elif", "Finn", "Greta", "Hiro", "Isla", "Jamal",
        "Kirsi", "Léa", "Mateo", "Noor"
    };
    private static final String[] LAST = {
        "Okafor",
        "Lindqvist",
        "Moreau",
        "Haddad",
        "Novak",
        "Tanaka",
        "Silva",
        "Kowalski",
        "Mensah",
        "García",
        "Andersen",
        "Rossi",
        "Nakamura",
        "Petrov",
        "Adeyemi",
        "Sharma",
        "Dubois",
        "Fernández",
        "Berg",
        "Cohen",
        "Bianchi",
        "Castillo",
        "Kamau",
        "Laurent",
        "Haddad",
        "Yılmaz",
        "Diallo",
        "Johansson",
        "Ortega",
        "Aydın",
        "Kaya",
        "Murphy",
        "Schmidt",
        "Sato",
        "MacLeod",
        "Farouk",
        "Virtanen",
        "Martin",
        "Romero",
        "Rahman"
    };
    private static final String[] ORGANISATIONS = {
        "Harbour Lab",
        "Northwind Co-op",
        "City Library",
        "Open Maps Guild",
        "Riverside Studio",
        "Tidewater University",
        "Lantern Health",
        "Fieldnotes Press",
        "Kestrel Robotics",
        "Commons Bakery"
    };
    private static final String[] LOCATIONS = {
        "Lisbon",
        "Nairobi",
        "Montréal",
        "Kraków",
        "Osaka",
        "Leeds",
        "Accra",
        "Valparaíso",
        "Tromsø",
        "Pune",
        "Utrecht",
        "Tbilisi"
    };
    private static final String[] TAGS = {
        "java",
        "serverless",
        "design",
        "photography",
        "climbing",
        "music",
        "gardening",
        "cycling",
        "data",
        "accessibility",
        "mentoring",
        "python",
        "hiking",
        "chess",
        "writing",
        "maps"
    };

    private DemoCommunity() {}

    static List<Member> members() {
        Random random = new Random(20261125L);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < FIRST.length; i++) {
            String name = FIRST[i] + " " + LAST[i];
            String handle = FIRST[i].toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "") + i;
            List<String> tags = new ArrayList<>();
            int tagCount = 1 + random.nextInt(4);
            while (tags.size() < tagCount) {
                String tag = TAGS[random.nextInt(TAGS.length)];
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
            String organisation = ORGANISATIONS[random.nextInt(ORGANISATIONS.length)];
            String location = LOCATIONS[random.nextInt(LOCATIONS.length)];
            // every fifth member has no photo: their card shows the fallback avatar
            Photo photo = i % 5 == 4 ? null : portrait(random, i % 3 == 0);
            members.add(new Member(
                    "demo-" + handle,
                    name,
                    handle + "@example.org",
                    organisation,
                    location,
                    "https://example.org/" + handle,
                    name.split(" ")[0] + " works at " + organisation + " in " + location + " and likes "
                            + String.join(", ", tags) + ".",
                    List.copyOf(tags),
                    photo));
        }
        return members;
    }

    /** A stylised head and shoulders; landscape PNG or portrait JPEG. */
    static Photo portrait(Random random, boolean landscapePng) {
        int width = landscapePng ? 900 : 640;
        int height = landscapePng ? 640 : 820;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color top = Color.getHSBColor(random.nextFloat(), 0.35f + random.nextFloat() * 0.3f, 0.85f);
        Color bottom = Color.getHSBColor(random.nextFloat(), 0.5f, 0.45f + random.nextFloat() * 0.2f);
        g.setPaint(new GradientPaint(0, 0, top, width, height, bottom));
        g.fillRect(0, 0, width, height);
        Color skin = Color.getHSBColor(
                0.05f + random.nextFloat() * 0.05f,
                0.3f + random.nextFloat() * 0.4f,
                0.35f + random.nextFloat() * 0.6f);
        Color clothes = Color.getHSBColor(random.nextFloat(), 0.6f, 0.5f + random.nextFloat() * 0.4f);
        Color hair = Color.getHSBColor(0.08f, 0.5f, 0.1f + random.nextFloat() * 0.5f);
        double cx = width / 2.0 + (random.nextDouble() - 0.5) * width * 0.1;
        double head = Math.min(width, height) * (0.34 + random.nextDouble() * 0.06);
        double headY = height * 0.42 - head / 2;
        g.setColor(clothes);
        g.fill(new Ellipse2D.Double(cx - head * 1.1, headY + head * 0.95, head * 2.2, head * 1.6));
        g.setColor(hair);
        g.fill(new Ellipse2D.Double(cx - head * 0.56, headY - head * 0.08, head * 1.12, head * 0.9));
        g.setColor(skin);
        g.fill(new Ellipse2D.Double(cx - head / 2, headY, head, head * 1.1));
        g.setColor(new Color(30, 30, 30));
        g.fill(new Ellipse2D.Double(cx - head * 0.2, headY + head * 0.45, head * 0.08, head * 0.08));
        g.fill(new Ellipse2D.Double(cx + head * 0.12, headY + head * 0.45, head * 0.08, head * 0.08));
        g.setStroke(new BasicStroke((float) (head * 0.03)));
        g.drawArc(
                (int) (cx - head * 0.15),
                (int) (headY + head * 0.65),
                (int) (head * 0.3),
                (int) (head * 0.18),
                200,
                140);
        g.dispose();
        return landscapePng ? new Photo("image/png", png(image)) : new Photo("image/jpeg", jpeg(image));
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
