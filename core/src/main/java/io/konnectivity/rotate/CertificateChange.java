package io.konnectivity.rotate;

import io.konnectivity.cert.CertificateFacts;
import java.io.Serializable;

/**
 * A certificate before and after a rotation.
 *
 * @param what which certificate, such as {@code kube-system/konnectivity-certs[client.crt]}
 * @param after null when it did not change or the rotation did not get that far
 */
public record CertificateChange(String what, CertificateFacts before, CertificateFacts after) implements Serializable {}
