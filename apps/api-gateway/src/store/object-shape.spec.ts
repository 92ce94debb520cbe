import { expect } from 'chai';
import { builtinResources } from '@karmada-ts/kube';
import { karmadaResources } from '../resources/karmada-resources.js';
import { shapeOf } from './object-shape.js';

describe('object shapes', () => {
  const definitions = [...builtinResources(), ...karmadaResources()];
  const kinds: { plural: string; base: string; parts: string[] }[] = [
    { plural: 'deployments', base: 'template', parts: ['claim', 'templatestatus'] },
    { plural: 'configmaps', base: 'template', parts: ['claim'] },
    { plural: 'namespaces', base: 'template', parts: ['claim'] },
    { plural: 'customresourcedefinitions', base: 'template', parts: ['claim'] },
    { plural: 'clusters', base: 'template', parts: ['clusterstatus'] },
    { plural: 'propagationpolicies', base: 'template', parts: [] },
    { plural: 'resourcebindings', base: 'binding', parts: ['placement', 'bindingstatus'] },
    { plural: 'clusterresourcebindings', base: 'binding', parts: ['placement', 'bindingstatus'] },
    { plural: 'works', base: 'work', parts: ['workstatus'] },
  ];
  for (const k of kinds) {
    it(`${k.plural}: read from ${k.base}, merged with [${k.parts.join(', ')}]`, () => {
      const shape = shapeOf(definitions.find((d) => d.plural === k.plural));
      expect({ base: shape.base.name, parts: shape.parts.map((p) => p.name) }).to.deep.equal({ base: k.base, parts: k.parts });
    });
  }
});
