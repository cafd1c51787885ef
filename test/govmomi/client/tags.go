package main

import (
	"github.com/vmware/govmomi/vapi/tags"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

func vmRef(id string) mo.Reference {
	return types.ManagedObjectReference{Type: "VirtualMachine", Value: id}
}

func ids(objs []mo.Reference) []string {
	out := []string{}
	for _, o := range objs {
		out = append(out, o.Reference().Value)
	}
	return out
}

// tagging: a category and two tags, attached to VMs one by one and in batches (vapi/tags).
func (r *run) tagging() {
	ctx, tm := r.ctx, r.tm
	step("tags.category.create", func() (interface{}, error) {
		id, err := tm.CreateCategory(ctx, &tags.Category{Name: "govmomi-category", Cardinality: "MULTIPLE", AssociableTypes: []string{"VirtualMachine"}})
		r.category = id
		return id, err
	})
	step("tags.category.list", func() (interface{}, error) { return tm.ListCategories(ctx) })
	step("tags.category.get", func() (interface{}, error) {
		if err := needs(r.category); err != nil {
			return nil, err
		}
		cat, err := tm.GetCategory(ctx, r.category)
		if err != nil {
			return nil, err
		}
		return map[string]interface{}{"id": cat.ID, "name": cat.Name, "cardinality": cat.Cardinality}, nil
	})
	step("tags.tag.create", func() (interface{}, error) {
		if err := needs(r.category); err != nil {
			return nil, err
		}
		var err error
		if r.tag1, err = tm.CreateTag(ctx, &tags.Tag{Name: "govmomi-tag-1", CategoryID: r.category}); err != nil {
			return nil, err
		}
		r.tag2, err = tm.CreateTag(ctx, &tags.Tag{Name: "govmomi-tag-2", CategoryID: r.category})
		return []string{r.tag1, r.tag2}, err
	})
	step("tags.tag.list", func() (interface{}, error) { return tm.ListTags(ctx) })
	step("tags.tag.list_for_category", func() (interface{}, error) { return tm.ListTagsForCategory(ctx, r.category) })
	step("tags.tag.get", func() (interface{}, error) {
		if err := needs(r.tag1); err != nil {
			return nil, err
		}
		t, err := tm.GetTag(ctx, r.tag1)
		if err != nil {
			return nil, err
		}
		return map[string]interface{}{"id": t.ID, "name": t.Name, "category_id": t.CategoryID}, nil
	})

	attached := func() (interface{}, error) {
		if err := needs(r.vm); err != nil {
			return nil, err
		}
		return tm.ListAttachedTags(ctx, vmRef(r.vm))
	}
	// on runs fn when the tags and VMs it names exist.
	on := func(fn func() error, inputs ...string) func() (interface{}, error) {
		return func() (interface{}, error) {
			if err := needs(inputs...); err != nil {
				return nil, err
			}
			return nil, fn()
		}
	}
	step("tags.attach", on(func() error { return tm.AttachTag(ctx, r.tag1, vmRef(r.vm)) }, r.tag1, r.vm))
	step("tags.list_attached_tags", attached)
	step("tags.list_attached_objects", func() (interface{}, error) {
		if err := needs(r.tag1); err != nil {
			return nil, err
		}
		objs, err := tm.ListAttachedObjects(ctx, r.tag1)
		return ids(objs), err
	})
	step("tags.detach", on(func() error { return tm.DetachTag(ctx, r.tag1, vmRef(r.vm)) }, r.tag1, r.vm))
	step("tags.list_attached_tags.after_detach", attached)

	step("tags.attach_multiple_tags_to_object", on(func() error {
		return tm.AttachMultipleTagsToObject(ctx, []string{r.tag1, r.tag2}, vmRef(r.vm))
	}, r.tag1, r.tag2, r.vm))
	step("tags.list_attached_tags.after_batch_attach", attached)
	step("tags.attach_tag_to_multiple_objects", func() (interface{}, error) {
		if err := needs(r.tag2, r.vm, r.vm2); err != nil {
			return nil, err
		}
		if err := tm.AttachTagToMultipleObjects(ctx, r.tag2, []mo.Reference{vmRef(r.vm), vmRef(r.vm2)}); err != nil {
			return nil, err
		}
		objs, err := tm.ListAttachedObjects(ctx, r.tag2)
		return ids(objs), err
	})
	step("tags.detach_multiple_tags_from_object", on(func() error {
		return tm.DetachMultipleTagsFromObject(ctx, []string{r.tag1, r.tag2}, vmRef(r.vm))
	}, r.tag1, r.tag2, r.vm))
	step("tags.list_attached_tags.after_batch_detach", attached)
}
