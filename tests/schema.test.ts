import {
  buildClientSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { RELATIONSHIP_TYPES, ENTITY_TYPES } from '../src/store/models.js';
import { VOCABULARY } from '../src/store/vocabulary.js';
import { RELATION_FIELDS } from '../src/modules/graph/fields.js';
import { graphOn, TINY_SEED } from './helpers.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  const graph = await graphOn(TINY_SEED);
  const data = await graph.data(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
  schema = buildClientSchema(data as IntrospectionQuery);
});

const ownTypes = () => Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));

describe('the schema, as introspection shows it', () => {
  it('makes the five core types, and every other entity type, implement Node and Entity', () => {
    for (const name of ['Country', 'Person', 'Agreement', 'Event', 'Topic', ...ENTITY_TYPES]) {
      const type = schema.getType(name);
      expect(isObjectType(type), name).toBe(true);
      if (!isObjectType(type)) continue;
      expect(type.getInterfaces().map((i) => i.name).sort(), name).toEqual(['Entity', 'Node']);
    }
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of ownTypes()) {
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every connection edges, nodes, pageInfo and totalCount, and every edge a cursor and node', () => {
    const connections = ownTypes().filter((type) => type.name.endsWith('Connection'));
    expect(connections.length).toBeGreaterThan(20);
    for (const type of connections) {
      expect(isObjectType(type), type.name).toBe(true);
      if (!isObjectType(type)) continue;
      expect(Object.keys(type.getFields()).sort(), type.name).toEqual(['edges', 'nodes', 'pageInfo', 'totalCount']);
      expect(String(type.getFields().pageInfo!.type), type.name).toBe('PageInfo!');
      const edge = schema.getType(type.name.replace(/Connection$/, 'Edge'));
      expect(isObjectType(edge), `${type.name} edge`).toBe(true);
      if (isObjectType(edge)) expect(Object.keys(edge.getFields()), edge.name).toEqual(expect.arrayContaining(['cursor', 'node']));
    }
  });

  it('gives every relationship edge its evidence', () => {
    const relationEdges = ownTypes().filter((type) => /(Relation|Signatory|SignedAgreement)Edge$/.test(type.name) && type.name !== 'RelationEdge');
    expect(relationEdges.length).toBeGreaterThan(10);
    for (const type of relationEdges) {
      if (!isObjectType(type)) continue;
      expect(String(type.getFields().evidence?.type), type.name).toBe('[Evidence!]!');
      expect(String(type.getFields().relationship?.type), type.name).toBe('Relationship!');
    }
  });

  it('offers exactly the relationship types the store vocabulary defines', () => {
    const type = schema.getType('RelationshipType');
    expect(isEnumType(type) && type.getValues().map((v) => v.name)).toEqual([...RELATIONSHIP_TYPES]);
    expect(Object.keys(VOCABULARY)).toEqual([...RELATIONSHIP_TYPES]);
  });

  it('offers exactly the entity types the store knows', () => {
    const type = schema.getType('EntityType');
    expect(isEnumType(type) && type.getValues().map((v) => v.name)).toEqual(ENTITY_TYPES.map((t) => t.toUpperCase()));
  });

  it('offers a filter and count ordering for exactly the relationship fields each entity type has', () => {
    for (const [type, fields] of Object.entries(RELATION_FIELDS)) {
      const object = schema.getType(type);
      const filter = schema.getType(`${type}Filter`);
      const order = schema.getType(`${type}OrderField`);
      if (!isObjectType(object) || !isInputObjectType(filter) || !isEnumType(order)) throw new Error(`missing types for ${type}`);
      const relationFields = Object.keys(fields).sort();
      const objectRelationFields = Object.entries(object.getFields())
        .filter(([, f]) => /Relation(Connection|Edge)|Signatory|SignedAgreement|Edge$/.test(String(f.type)) && !['relations'].includes(f.name))
        .map(([name]) => name)
        .sort();
      expect(objectRelationFields, type).toEqual(relationFields);
      for (const field of relationFields) expect(Object.keys(filter.getFields()), type).toContain(field);
      const counts = order.getValues().map((v) => v.name).filter((n) => n.endsWith('_COUNT'));
      const expected = Object.entries(fields).filter(([, spec]) => !('single' in spec)).map(([name]) => `${name.replace(/([A-Z])/g, '_$1').toUpperCase()}_COUNT`);
      expect(counts.sort(), type).toEqual(expected.sort());
    }
  });
});
