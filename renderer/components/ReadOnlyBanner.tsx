export function ReadOnlyBanner({ drivenBy }: { drivenBy: string }) {
  return (
    <p className="banner banner--readonly">
      <strong>Read-only.</strong> {drivenBy} drives this release; actions here are disabled until it lets go.
    </p>
  );
}
