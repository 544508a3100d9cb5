package org.wasmbpf.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Horizontal bars of median consumer CPU per event, log scale (the interpreter is orders of
 * magnitude above native), drawn with java.awt in headless mode.
 */
final class CpuChart {
    private static final int WIDTH = 900;
    private static final int BAR = 22;
    private static final int GAP = 8;
    private static final int LEFT = 230;
    private static final int RIGHT = 110;
    private static final int TOP = 50;
    private static final int BOTTOM = 40;
    private static final Color RING = new Color(0x3B7DD8);
    private static final Color PERF = new Color(0xE08A2C);

    private CpuChart() {}

    static void write(List<EventSeries> series, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int height = TOP + BOTTOM + series.size() * (BAR + GAP);
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Consumer CPU per event (ns, median, log scale)  blue: ring buffer, orange: perf buffer", 12, 25);

        double lo = 10;
        double hi = 10;
        for (EventSeries s : series) {
            double v = s.cpuNsPerEvent().median();
            if (!Double.isNaN(v)) {
                hi = Math.max(hi, v);
            }
        }
        double decades = Math.ceil(Math.log10(hi)) - Math.log10(lo);
        int plot = WIDTH - LEFT - RIGHT;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setStroke(new BasicStroke(1f));
        for (int d = 0; d <= decades; d++) {
            int x = LEFT + (int) (plot * d / decades);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(x, TOP - 5, x, height - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label(lo * Math.pow(10, d)), x - 10, height - BOTTOM + 15);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int y = TOP;
        for (EventSeries s : series) {
            double v = s.cpuNsPerEvent().median();
            g.setColor(Color.BLACK);
            g.drawString(s.name(), 12, y + BAR - 6);
            if (!Double.isNaN(v)) {
                int w = (int) Math.max(2, plot * (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / decades);
                g.setColor(s.buffer().equals("pb") ? PERF : RING);
                g.fillRect(LEFT, y, w, BAR);
                g.setColor(Color.BLACK);
                g.drawString(String.format("%.0f ns", v), LEFT + w + 6, y + BAR - 6);
            }
            y += BAR + GAP;
        }
        g.dispose();
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private static String label(double ns) {
        return ns >= 1000 ? String.format("%.0f us", ns / 1000) : String.format("%.0f ns", ns);
    }
}
