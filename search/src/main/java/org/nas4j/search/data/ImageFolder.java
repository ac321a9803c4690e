package org.nas4j.search.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads an image folder: one subfolder per class (sorted by name gives the label order), PNG or JPEG files inside,
 * each resized (bilinear) to the requested size and converted to 1 (grey) or 3 (RGB) channels.
 */
public final class ImageFolder {
  private ImageFolder() {}

  /** The class names of a folder, sorted: label i is classNames().get(i). */
  public static List<String> classNames(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidDatasetException("image folder not found: " + dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).sorted().toList();
      if (names.size() < 2) {
        throw new InvalidDatasetException(dir + ": an image folder needs at least 2 class subfolders, found "
            + names.size());
      }
      return names;
    } catch (IOException e) {
      throw new InvalidDatasetException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Reads every image below {@code dir}, resized to {@code channels x height x width}. */
  public static LabeledImages read(Path dir, int channels, int height, int width) {
    if (channels != 1 && channels != 3) {
      throw new InvalidDatasetException("image folders give 1 or 3 channels, asked for " + channels);
    }
    List<String> classes = classNames(dir);
    List<byte[]> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Path classDir = dir.resolve(classes.get(c));
      List<Path> files;
      try (Stream<Path> s = Files.list(classDir)) {
        files = s.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().toList();
      } catch (IOException e) {
        throw new InvalidDatasetException("cannot list " + classDir + ": " + e.getMessage(), e);
      }
      if (files.isEmpty()) {
        throw new InvalidDatasetException("class folder " + classDir + " has no PNG or JPEG images");
      }
      for (Path f : files) {
        images.add(decode(f, channels, height, width));
        labels.add(c);
      }
    }
    int size = channels * height * width;
    byte[] pixels = new byte[images.size() * size];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, pixels, i * size, size);
    }
    return new LabeledImages(dir.getFileName().toString(), pixels,
        labels.stream().mapToInt(Integer::intValue).toArray(), channels, height, width, classes.size());
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  private static byte[] decode(Path file, int channels, int height, int width) {
    BufferedImage src;
    try {
      src = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new InvalidDatasetException("cannot decode image " + file + ": " + e.getMessage(), e);
    }
    if (src == null) {
      throw new InvalidDatasetException("cannot decode image " + file + ": not a readable PNG or JPEG");
    }
    BufferedImage dst = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = dst.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, width, height, null);
    g.dispose();
    byte[] out = new byte[channels * height * width];
    int plane = height * width;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = dst.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int gr = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int at = y * width + x;
        if (channels == 1) {
          out[at] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
        } else {
          out[at] = (byte) r;
          out[plane + at] = (byte) gr;
          out[2 * plane + at] = (byte) b;
        }
      }
    }
    return out;
  }
}
