/** What the test tells the fake host page (in its URL's hash) and what the page records (window.hostLog). */
export interface HostConfig {
  extensionUrl: string;
  contributionId: string;
  culture: string;
  /** Whether the page context has a webContext, and whether it names the project. */
  webContext: "withProject" | "withoutProject" | "none";
  /** What the project page service answers; null: no project; "fail": the service throws. */
  serviceProject: { id: string; name: string } | null | "fail";
  /** The release tab's initialConfig (releaseId + onReleaseChanged); the hub's is empty. */
  tab: boolean;
  releaseId: number;
  /** Where the host reads the release it hands the tab (the fake server's host route). */
  releaseFeedUrl: string;
  token: string;
  collectionUrl: string;
  resourceAreas: Record<string, string>;
  themeData: Record<string, string>;
  lzProject: { id: string; name: string };
}

export interface HostLog {
  handshakes: Array<Record<string, unknown>>;
  loadSucceeded: number;
  loadFailed: string[];
  tokens: number;
  services: string[];
  resourceAreas: string[];
  releaseDeliveries: number;
  errors: string[];
}
