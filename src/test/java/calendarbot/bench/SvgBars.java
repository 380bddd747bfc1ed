package calendarbot.bench;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bar charts as one self-contained SVG document: panels stacked vertically, one bar per
 * label, each with its value written beside it. Linear or log10 scale per panel. No dependencies.
 */
final class SvgBars {
  private static final int WIDTH = 900;
  private static final int LABEL = 130;
  private static final int TEXT = 260;
  private static final int BAR_H = 18;
  private static final int GAP = 6;
  private static final String[] COLORS = {"#2b6cb0", "#c05621", "#2f855a", "#6b46c1"};

  private SvgBars() {}

  static String draw(
      String title, List<String> titles, List<List<RunReport.Bar>> panels, List<Boolean> logScale) {
    StringBuilder body = new StringBuilder();
    int y = 40;
    for (int p = 0; p < panels.size(); p++) {
      List<RunReport.Bar> bars = panels.get(p);
      body.append(text(10, y, 15, "bold", titles.get(p)));
      y += 12;
      boolean log = logScale.get(p);
      double max = 0;
      double min = Double.MAX_VALUE;
      for (RunReport.Bar b : bars) {
        if (Double.isFinite(b.value()) && b.value() > 0) {
          max = Math.max(max, b.value());
          min = Math.min(min, b.value());
        }
      }
      double lo = log ? Math.pow(10, Math.floor(Math.log10(Math.min(min, 1)))) : 0;
      double hi = log ? Math.pow(10, Math.ceil(Math.log10(max))) : max;
      int plot = WIDTH - LABEL - TEXT;
      for (int i = 0; i < bars.size(); i++) {
        RunReport.Bar b = bars.get(i);
        double v = b.value();
        double frac;
        if (!Double.isFinite(v) || v <= 0 || hi <= 0) {
          frac = 0;
        } else if (log) {
          frac = (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        } else {
          frac = v / hi;
        }
        int w = (int) Math.round(Math.max(1, frac * plot));
        body.append(text(LABEL - 6, y + BAR_H - 5, 12, "end", b.label()));
        body.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                LABEL,
                y,
                w,
                BAR_H,
                COLORS[p % COLORS.length]));
        body.append(text(LABEL + w + 6, y + BAR_H - 5, 12, "", b.text()));
        y += BAR_H + GAP;
      }
      if (log) {
        for (double t = lo; t <= hi * 1.0001; t *= 10) {
          int x =
              LABEL
                  + (int)
                      Math.round(
                          (Math.log10(t) - Math.log10(lo))
                              / (Math.log10(hi) - Math.log10(lo))
                              * plot);
          body.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"2,3\"/>%n",
                  x,
                  y - bars.size() * (BAR_H + GAP),
                  x,
                  y));
          body.append(text(x, y + 12, 10, "middle", RunReport.f1(t).replace(".0", "")));
        }
        y += 14;
      }
      y += 28;
    }
    return String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>%n",
            WIDTH,
            y,
            WIDTH,
            y)
        + text(10, 20, 16, "bold", title)
        + body
        + "</svg>\n";
  }

  private static String text(int x, int y, int size, String style, String s) {
    String anchor =
        switch (style) {
          case "end" -> " text-anchor=\"end\"";
          case "middle" -> " text-anchor=\"middle\"";
          case "bold" -> " font-weight=\"bold\"";
          default -> "";
        };
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" font-size=\"%d\"%s>%s</text>%n",
        x,
        y,
        size,
        anchor,
        s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
  }
}
