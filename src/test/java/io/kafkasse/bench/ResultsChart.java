package io.kafkasse.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;

/**
 * The fan-out results as a PNG, drawn with plain Java 2D (headless): for each number of clients and rate, a group of
 * bars per mode, sustained deliveries a second on the left and p99 latency (log scale) on the right.
 */
final class ResultsChart {

    private static final Color[] COLORS = {new Color(0xD55E00), new Color(0x0072B2), new Color(0x009E73), new Color(0xCC79A7)};
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 620;

    private ResultsChart() {
    }

    static Path write(Path file, Results results) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<ScenarioResult> rows = results.fanOut();
        Set<String> modes = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        rows.forEach(r -> {
            modes.add(r.mode());
            groups.add(group(r));
        });
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("kafka-sse fan-out: consumer modes side by side (" + Runtime.getRuntime().availableProcessors()
                + " cores, JDK " + System.getProperty("java.version") + ", broker, server and load generator on one machine)", 30, 30);
        List<String> modeList = new ArrayList<>(modes);
        List<String> groupList = new ArrayList<>(groups);
        panel(g, 30, 70, WIDTH / 2 - 50, HEIGHT - 150, "sustained deliveries/s", rows, modeList, groupList, false);
        panel(g, WIDTH / 2 + 20, 70, WIDTH / 2 - 50, HEIGHT - 150, "p99 latency, ms (log scale)", rows, modeList, groupList, true);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (int m = 0; m < modeList.size(); m++) {
            int x = 30 + m * 220;
            g.setColor(COLORS[m % COLORS.length]);
            g.fillRect(x, HEIGHT - 35, 16, 16);
            g.setColor(Color.BLACK);
            g.drawString(modeList.get(m), x + 22, HEIGHT - 22);
        }
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static String group(ScenarioResult r) {
        return String.format(Locale.ROOT, "%,d × %d/s", r.clients(), r.rate());
    }

    private static void panel(Graphics2D g, int x, int y, int width, int height, String title, List<ScenarioResult> rows,
                              List<String> modes, List<String> groups, boolean latency) {
        double max = 1;
        for (ScenarioResult r : rows) {
            max = Math.max(max, value(r, latency));
        }
        double top = latency ? Math.pow(10, Math.ceil(Math.log10(max))) : niceCeiling(max);
        int left = x + 70;
        int plotWidth = width - 80;
        int bottom = y + height;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, left, y - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setStroke(new BasicStroke(1));
        for (int tick = 0; tick <= 5; tick++) {
            double fraction = tick / 5.0;
            double label = latency ? Math.pow(10, Math.log10(top) * fraction) : top * fraction;
            int ty = bottom - (int) (fraction * height);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(left, ty, left + plotWidth, ty);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,.0f", label), x, ty + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, left + plotWidth, bottom);
        int groupWidth = plotWidth / Math.max(1, groups.size());
        int barWidth = Math.max(4, (groupWidth - 20) / Math.max(1, modes.size()));
        for (int gi = 0; gi < groups.size(); gi++) {
            int gx = left + gi * groupWidth + 10;
            for (ScenarioResult r : rows) {
                if (!group(r).equals(groups.get(gi))) {
                    continue;
                }
                int m = modes.indexOf(r.mode());
                double v = value(r, latency);
                double fraction = latency ? Math.log10(Math.max(1, v)) / Math.log10(top) : v / top;
                int h = (int) (fraction * height);
                g.setColor(COLORS[m % COLORS.length]);
                g.fillRect(gx + m * barWidth, bottom - h, barWidth - 2, h);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, latency ? "%,.0f" : "%,.0fk", latency ? v : v / 1000),
                        gx + m * barWidth, bottom - h - 3);
            }
            g.drawString(groups.get(gi), gx, bottom + 16);
        }
    }

    private static double value(ScenarioResult r, boolean latency) {
        return latency ? r.p99() : r.sustainedPerSecond();
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
