package io.tai2.indicators;

/** The last {@code size} committed values, oldest first, and views of them with one more (uncommitted) value. */
final class Window {

  private final double[] ring;
  private int count;
  private int next;

  Window(int size) {
    ring = new double[size];
  }

  void push(double x) {
    ring[next] = x;
    next = (next + 1) % ring.length;
    count = Math.min(count + 1, ring.length);
  }

  /**
   * Copies the last {@code size − 1} committed values and then {@code x} into {@code out} (length ≥ size), oldest first;
   * returns how many were copied (less than {@code size} while the window is filling).
   */
  int with(double x, double[] out) {
    int kept = Math.min(count, ring.length - 1);
    for (int i = 0; i < kept; i++) {
      out[i] = ring[Math.floorMod(next - kept + i, ring.length)];
    }
    out[kept] = x;
    return kept + 1;
  }
}
