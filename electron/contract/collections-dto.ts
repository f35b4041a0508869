// Collections and vulnerability tags as the UI and the CLI see them.

export interface CollectionInputDto {
  name: string;
  description: string;
  colour: string;
  images: string[];
  containers: string[];
  hosts: string[];
  labels: string[];
}

export interface CollectionDto extends CollectionInputDto {
  id: number;
  createdAt: string;
  updatedAt: string;
  /** Rules whose scope names this collection ("CI vulnerability rule \"Org baseline\""). */
  usedBy: string[];
}

export interface VulnTagDto {
  id: number;
  name: string;
  colour: string;
  description: string;
  /** How many findings-assignments carry it. */
  uses: number;
}

/** A tag put on a vulnerability id, optionally only for one package and/or one image. */
export interface TagAssignmentDto {
  id: number;
  tagId: number;
  tag: string;
  colour: string;
  vulnId: string;
  package?: string;
  image?: string;
  comment: string;
  author: string;
  createdAt: string;
}

export interface ExceptionAddedDto {
  /** The rule list the exception went into and the rule's name. */
  kind: 'ci' | 'deployed' | 'host';
  rule: string;
  exception: { id: string; package?: string; expires?: string; reason?: string };
}

/** Results of the collections, tags and exception channels (merged into the contract's result map). */
export interface CollectionResults {
  'collections:list': CollectionDto[];
  'collections:save': CollectionDto;
  'collections:delete': CollectionDto[];
  'tags:list': VulnTagDto[];
  'tags:save': VulnTagDto;
  'tags:delete': VulnTagDto[];
  'vulnTags:list': TagAssignmentDto[];
  'vulnTags:assign': TagAssignmentDto;
  'vulnTags:remove': { removed: boolean };
  'vulnRules:addException': ExceptionAddedDto;
}
