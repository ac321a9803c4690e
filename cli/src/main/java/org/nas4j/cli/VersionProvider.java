package org.nas4j.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, or "dev" when running from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"nas " + version()};
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
