/**
 * Hardware target profiles: {@link org.nas4j.targets.TargetProfile} says what a device is and how its latency is
 * obtained (measured through ONNX Runtime, predicted, or measured on a phone over adb), and {@link
 * org.nas4j.targets.TargetRegistry} finds built-in and user profiles. This module holds no runtime code: it never
 * loads ONNX Runtime or ND4J, so listing targets is instant.
 */
package org.nas4j.targets;
