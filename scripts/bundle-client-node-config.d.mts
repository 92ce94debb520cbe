/** Where `npm run build` writes the bundle of client-node's KubeConfig that a built member-access imports. */
export const clientNodeConfigBundle: string;
/** Writes the bundle to `outfile` (a place whose node_modules hold client-node's dependencies); resolves to it. */
export function bundleClientNodeConfig(outfile?: string): Promise<string>;
/** client-node's built JavaScript, as member-access resolves the package. */
export const clientNodeDist: string;
