/**
 * `WebAssembly.Tag` and `WebAssembly.JSTag`, of the exception-handling proposal:
 * https://webassembly.github.io/exception-handling/js-api/#exceptions-types
 */
/* eslint-disable prefer-rest-params -- Web IDL counts the arguments actually passed (`arguments.length`). */
import { TagRef } from '@proj/interpreter';
import type { WebAssemblyNamespace } from '../types.js';
import { dictionary, requireArgs, sequence } from '../webidl.js';
import { type Shared, toValueType } from './shared.js';

/** The Tag interface of one `WebAssembly` object, and the links between tags and their objects. */
export interface TagMembers {
  Tag: WebAssemblyNamespace['Tag'];
  /** The Tag object of `tag`: the same one each time (the one JavaScript made, for its tags). */
  tagObject(tag: TagRef): object;
  /** The tag behind `v`, if it is a Tag object of this `WebAssembly` object. */
  tagOf(v: unknown): TagRef | undefined;
  /** The getter of `WebAssembly.JSTag`: the Tag object of the JavaScript exception tag. */
  jsTag(): object;
}

/** Makes the Tag interface of one `WebAssembly` object. */
export function tagInterface(shared: Shared): TagMembers {
  const { engine, store, fromRef, tagObjects, tagRefs } = shared;

  /** A type of exception: what identifies its exceptions, and the types of the values they carry. */
  class Tag {
    /** @throws TypeError for a descriptor without `parameters`, or with a name that is not a value type */
    constructor(type: { parameters: Iterable<string> }) {
      requireArgs(arguments, 1, 'WebAssembly.Tag');
      let ref: TagRef;
      if (type instanceof TagRef && arguments[1] === fromRef) {
        ref = type;
      } else {
        const d = dictionary(type, 'WebAssembly.Tag descriptor');
        if (d.parameters === undefined) throw new TypeError('WebAssembly.Tag: parameters is required');
        const params = sequence(d.parameters, 'WebAssembly.Tag: parameters').map((p) => toValueType(p, 'WebAssembly.Tag'));
        ref = store.createTag(params);
      }
      tagObjects.set(ref, this);
      tagRefs.set(this, ref);
    }
  }

  const tagObject = (tag: TagRef): object => tagObjects.get(tag) ?? Reflect.construct(Tag, [tag, fromRef]);
  const tagOf = (v: unknown): TagRef | undefined => (typeof v === 'object' && v !== null ? tagRefs.get(v) : undefined);
  return { Tag, tagObject, tagOf, jsTag: () => tagObject(engine.exceptions.jsTag()) };
}
