package org.nas4j.targets;

/** The broad kind of device, used by presets (for example "mobile" vs "server" scaling). */
public enum DeviceClass {
  MOBILE,
  DESKTOP,
  SERVER
}
