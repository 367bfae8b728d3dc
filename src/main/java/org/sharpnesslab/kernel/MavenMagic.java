package org.sharpnesslab.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

/**
 * {@code %maven group:artifact:version ...}: resolves the artifacts and their runtime dependencies with Maven's
 * own resolver, from the local Maven repository ({@code ~/.m2/repository}, or {@code -Dmaven.repo.local}) and
 * Maven Central, and adds every jar to the cell class path. Coordinates may carry an extension and classifier
 * ({@code g:a:jar:linux-x86_64:v}). Jars already added are not added twice.
 */
final class MavenMagic {

    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final Consumer<String> addToClasspath;
    private final List<String> added = new ArrayList<>();
    private RepositorySystem system;

    MavenMagic(Consumer<String> addToClasspath) {
        this.addToClasspath = addToClasspath;
    }

    /** Resolves {@code coordinates} with their dependencies; returns the jars added to the class path. */
    synchronized List<String> resolve(List<String> coordinates) throws DependencyResolutionException {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("%maven needs coordinates group:artifact:version, e.g. "
                    + "%maven org.apache.commons:commons-math3:3.6.1");
        }
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        // a POM that cannot be read is an error here, not a silent "no dependencies"
        session.setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, false));
        session.setSystemProperties(System.getProperties());   // POM profiles activated by the Java version
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(localRepository())));
        RemoteRepository central = new RemoteRepository.Builder("central", "default", CENTRAL).build();
        CollectRequest collect = new CollectRequest();
        for (String c : coordinates) {
            DefaultArtifact artifact;
            try {
                artifact = new DefaultArtifact(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("%maven: '" + c + "' is not group:artifact:version "
                        + "(or group:artifact:extension[:classifier]:version)", e);
            }
            collect.addDependency(new Dependency(artifact, JavaScopes.RUNTIME));
        }
        collect.addRepository(central);
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<String> jars = new ArrayList<>();
        for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
            File f = r.getArtifact() == null ? null : r.getArtifact().getFile();
            if (f != null && !added.contains(f.getAbsolutePath())) {
                addToClasspath.accept(f.getAbsolutePath());
                added.add(f.getAbsolutePath());
                jars.add(f.getAbsolutePath());
            }
        }
        return jars;
    }

    static File localRepository() {
        String explicit = System.getProperty("maven.repo.local");
        if (explicit != null && !explicit.isBlank()) {
            return new File(explicit);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository").toFile();
    }
}
