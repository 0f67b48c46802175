package dev.capstan.deploy.scm.artifact;

import java.net.URI;

/**
 * What the hosts are told to fetch: a URL they can read without further credentials (presigned for S3), the
 * file name, the digest to check (null when none is known), and the version that REVISION and revisions.log show.
 */
public record ResolvedArtifact(URI url, String fileName, Checksum checksum, String version, RepositoryCredentials credentials) {}
